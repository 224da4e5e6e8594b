"""Background task (django-tasks, database backend): compute a session's proposals.

The session's state lives in its row: a task run twice finds it ready and
does nothing; one killed midway is run again by the worker (``compute`` starts over).
"""

from __future__ import annotations

from django_tasks import task

from luutru.bundles import services


@task()
def compute_session(session_id: int) -> str:
    """Group the session's documents into proposed dossiers and store them."""
    return services.compute(session_id)
