"""Background drain of the index queue (django-tasks, database backend)."""

from django_tasks import task


@task()
def drain_index() -> int:
    from luutru.search.services import drain

    return drain(wait=True) or 0
