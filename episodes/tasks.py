from celery import shared_task

from episodes.services import export_execute


@shared_task(acks_late=True, reject_on_worker_lost=True)
def export_run(export_id: str) -> str:
    """Render one export. Safe to deliver twice: the job is claimed with a conditional UPDATE, so
    a completed job or one another worker holds is left alone (see export_execute)."""
    return export_execute(export_id=export_id).status
