"""Background task (django-tasks, database backend): check or receive a package.

The check's state lives in its row: a task run twice finds it finished and does
nothing; one killed midway is run again by the worker and carries on."""

from __future__ import annotations

from django_tasks import task

from luutru.transfer import services


@task()
def check_package(check_id: int) -> str:
    """Check a package (validate before it leaves, or receive it) and record the outcome."""
    return services.run_check(check_id)
