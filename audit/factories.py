import uuid

import factory

from audit.models import AuditLog


class AuditLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditLog

    entity_type = "stories"
    entity_id = factory.LazyFunction(uuid.uuid4)
    action = AuditLog.Action.UPDATE
    actor = "alice"
    request_id = factory.LazyFunction(lambda: uuid.uuid4().hex)
    old_value = factory.LazyFunction(lambda: {"title": "Old"})
    new_value = factory.LazyFunction(lambda: {"title": "New"})
