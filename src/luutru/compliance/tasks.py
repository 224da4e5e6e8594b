"""Background refresh of the compliance facts (django-tasks, database backend)."""

from django_tasks import task

from luutru.compliance.refresh import refresh_facts


@task()
def refresh_facts_task() -> int | None:
    """Rebuild the facts of the bodies marked stale; how many (None: every body)."""
    return refresh_facts().bodies
