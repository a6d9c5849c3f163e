"""Change capture: one AuditLog row per create, update and delete of a domain row.

What is audited: every model of the apps in `AUDITED_APPS` (not audit itself, not auth/sessions).

How each path is caught:
- `Model.save()` (create and update): `pre_save`/`post_save` receivers. Old values come from the
  snapshot taken when the row was loaded (`TimeStampedModel.from_db`, refreshed after every save
  and `refresh_from_db`), so an update costs no extra query; JSON fields (mutable in place, so a
  snapshot could be mutated with the instance) and fields missing from the snapshot are read from
  the row in one SELECT before the save. `TimeStampedModel.save()` is atomic, so the change and
  its audit row commit together.
- `Model.delete()`, `QuerySet.delete()` and cascades: `post_delete`. Django's deletion collector
  sends it for every row (it only skips signals for models nobody listens to), inside its atomic.
- `QuerySet.update()`, `bulk_create()`, `bulk_update()`: `audit.querysets.AuditedQuerySet`, the
  queryset of every domain model's default and base manager (`TimeStampedModel.objects`;
  `StylePreset.objects` is an `AuditedTreeManager`). A custom manager on a domain model must use a
  queryset derived from `AuditedQuerySet`, or its bulk writes go unaudited.
- Not captured: raw SQL, `QuerySet._raw_delete`, and the tree bookkeeping columns of django-mptt
  (`lft`, `rght`, `tree_id`, `level`), which are derived from `parent`.

What a row holds:
- `entity_type`: the model's database table (`stories`, `style_presets`, `exports`...): stable, and
  the name the spec's debugging SQL uses.
- `old_value`/`new_value`: on update only the changed fields (old and new), on create the full
  row in `new_value`, on delete the full row in `old_value`. Keys are attribute names (`story_id`
  for a foreign key, `layer_objects` for `Layer`'s `objects` column); values are JSON-safe (UUIDs,
  datetimes, Decimals as strings, files as their name). `updated_at` alone never makes an update.
- A save that changes nothing writes nothing.
- `actor`/`request_id`: from `webtoon.request_id` (a username, `system`, `task:<name>`,
  `command:<name>`).

`disabled()` switches capture off for the current context (benchmarks, data repair scripts);
`batched()` writes a block's audit rows with one INSERT at its end (loops of saves in a task).
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from webtoon import request_id as request_context

AUDITED_APPS = ("projects", "characters", "artifacts", "styles", "episodes")
# Derived columns whose changes are not changes of the entity.
UNTRACKED_FIELDS = frozenset({"updated_at", "lft", "rght", "tree_id", "level"})

_SNAPSHOT = "_audit_snapshot"
_OLD = "_audit_old"

_enabled: ContextVar[bool] = ContextVar("audit_capture_enabled", default=True)
_encoder = DjangoJSONEncoder()


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Write no audit rows for changes made in this block (this thread or task only)."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


def is_enabled() -> bool:
    return _enabled.get()


@dataclass
class _Batch:
    using: str
    rows: list[dict] = field(default_factory=list)


_batch: ContextVar[_Batch | None] = ContextVar("audit_batch", default=None)


@contextlib.contextmanager
def batched(using: str = "default") -> Iterator[None]:
    """Run the block atomically and write its audit rows with one INSERT at its end.

    For loops of single-row saves in tasks and commands: one audit round trip instead of one per
    save, still in the same transaction as the changes. The rows keep the time of each change.
    Inside the block, AuditLog queries do not see its rows yet. A nested block joins the outer one.
    """
    if _batch.get() is not None:
        yield
        return
    batch = _Batch(using=using)
    token = _batch.set(batch)
    try:
        with transaction.atomic(using=using):
            yield
            _batch.set(None)
            _insert(batch.rows, using=using)
    finally:
        _batch.reset(token)


@dataclass(frozen=True)
class ModelSpec:
    entity_type: str
    pk_attname: str
    # attname -> field, every concrete field (snapshots of created and deleted rows).
    fields: dict[str, models.Field]
    # attname -> field, the fields whose change is a change of the entity.
    tracked: dict[str, models.Field]
    # name or attname -> attname, for `update_fields` and `QuerySet.update()` keywords.
    attname_of: dict[str, str]
    # Fields read from the row before a save instead of trusted from the load-time snapshot.
    reread: frozenset[str] = field(default_factory=frozenset)


_specs: dict[type[models.Model], ModelSpec] = {}


def _build_spec(model: type[models.Model]) -> ModelSpec:
    opts = model._meta
    fields = {f.attname: f for f in opts.concrete_fields}
    attname_of = {}
    for f in opts.concrete_fields:
        attname_of[f.name] = f.attname
        attname_of[f.attname] = f.attname
    return ModelSpec(
        entity_type=opts.db_table,
        pk_attname=opts.pk.attname,
        fields=fields,
        tracked={name: f for name, f in fields.items() if name not in UNTRACKED_FIELDS},
        attname_of=attname_of,
        reread=frozenset(name for name, f in fields.items() if isinstance(f, models.JSONField)),
    )


def register(model: type[models.Model]) -> None:
    _specs[model] = _build_spec(model)


def spec_for(model: type[models.Model]) -> ModelSpec | None:
    return _specs.get(model)


def audited_models() -> list[type[models.Model]]:
    return list(_specs)


def model_for_entity_type(entity_type: str) -> type[models.Model] | None:
    for model, spec in _specs.items():
        if spec.entity_type == entity_type:
            return model
    return None


# --- values -------------------------------------------------------------------------------------


def comparable(value):
    """The value as compared and stored: a file is its name."""
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def json_safe(value):
    """UUIDs, Decimals and times as strings (full precision), files as their name, JSON as is."""
    value = comparable(value)
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    return _encoder.default(value)


def current_values(instance, attnames: Iterable[str]) -> dict:
    return {name: comparable(getattr(instance, name)) for name in attnames}


def _jsonify(values: dict) -> dict:
    return {name: json_safe(value) for name, value in values.items()}


# --- snapshots ------------------------------------------------------------------------------------


def remember_loaded(instance, field_names: Iterable[str], values: Iterable) -> None:
    """Keep the values a row was loaded with (called from `TimeStampedModel.from_db`).

    Skipped while capture is off: a later audited save then reads the old values from the row."""
    if type(instance) in _specs and _enabled.get():
        instance.__dict__[_SNAPSHOT] = dict(zip(field_names, values, strict=False))


def remember_current(instance, attnames: Iterable[str] | None = None) -> None:
    """Make the instance's current values (all, or `attnames`) the baseline of its next diff."""
    spec = _specs.get(type(instance))
    if spec is None:
        return
    deferred = instance.get_deferred_fields()
    names = [name for name in (spec.fields if attnames is None else attnames) if name not in deferred]
    snapshot = instance.__dict__.setdefault(_SNAPSHOT, {})
    snapshot.update(current_values(instance, names))


# --- rows -------------------------------------------------------------------------------------------


def build_row(spec: ModelSpec, *, entity_id, action: str, old: dict | None, new: dict | None) -> dict:
    """An audit row as AuditLog attribute values, stamped with the request context and the time."""
    context = request_context.current()
    return {
        "audit_id": uuid.uuid4(),
        "entity_type": spec.entity_type,
        "entity_id": entity_id,
        "action": action,
        "actor": context.actor,
        "request_id": context.request_id,
        "old_value": None if old is None else _jsonify(old),
        "new_value": None if new is None else _jsonify(new),
        "timestamp": timezone.now(),
    }


_TIMESTAMPS = ("timestamp", "created_at", "updated_at")
_insert_sql: dict[str, tuple[str, list[tuple[models.Field, bool]]]] = {}


def _insert_statement(connection) -> tuple[str, list]:
    """The INSERT of one audit row for this backend, and its fields in column order (timestamps last)."""
    if connection.vendor not in _insert_sql:
        from audit.models import AuditLog

        fields = [f for f in AuditLog._meta.concrete_fields if f.attname not in _TIMESTAMPS]
        fields += [AuditLog._meta.get_field(name) for name in _TIMESTAMPS]
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(AuditLog._meta.db_table),
            ", ".join(quote(f.column) for f in fields),
            ", ".join(["%s"] * len(fields)),
        )
        # Text columns go to the driver as they are; UUIDs and JSON need the backend's adaptation.
        prepared_as_is = [isinstance(f, models.CharField) for f in fields[: -len(_TIMESTAMPS)]]
        _insert_sql[connection.vendor] = (sql, list(zip(fields[: -len(_TIMESTAMPS)], prepared_as_is, strict=True)))
    return _insert_sql[connection.vendor]


def write_rows(rows: list[dict], *, using: str) -> None:
    """Write audit rows now, or at the end of the enclosing `batched()` block."""
    batch = _batch.get()
    if batch is not None and batch.using == using:
        batch.rows.extend(rows)
    else:
        _insert(rows, using=using)


def _insert(rows: list[dict], *, using: str) -> None:
    """Insert audit rows with one prepared INSERT (executemany).

    Not through the ORM: capture runs on every write, and building model instances and compiling
    an INSERT per row was three quarters of its cost. Values are prepared by AuditLog's own fields,
    so every backend gets what the ORM would send.
    """
    if not rows:
        return
    connection = connections[using]
    sql, fields = _insert_statement(connection)
    adapt_time = connection.ops.adapt_datetimefield_value
    params = []
    for row in rows:
        at = adapt_time(row["timestamp"])
        values = [row[f.attname] if as_is else f.get_db_prep_save(row[f.attname], connection) for f, as_is in fields]
        params.append([*values, at, at, at])
    with connection.cursor() as cursor:
        if len(params) == 1:
            cursor.execute(sql, params[0])
        else:
            cursor.executemany(sql, params)


def diff(old: dict, new: dict) -> tuple[dict, dict]:
    changed = [name for name, value in new.items() if name in old and old[name] != value]
    return {name: old[name] for name in changed}, {name: new[name] for name in changed}


# --- signal receivers ---------------------------------------------------------------------------


def _fields_saved(spec: ModelSpec, update_fields) -> list[str]:
    if update_fields is None:
        return list(spec.tracked)
    return [spec.attname_of[name] for name in update_fields if spec.attname_of.get(name) in spec.tracked]


def on_pre_save(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    instance.__dict__.pop(_OLD, None)
    if raw or instance._state.adding or not _enabled.get():
        return
    spec = _specs[sender]
    snapshot = instance.__dict__.get(_SNAPSHOT, {})
    saved = _fields_saved(spec, update_fields)
    old = {name: comparable(snapshot[name]) for name in saved if name in snapshot and name not in spec.reread}
    missing = [name for name in saved if name not in old]
    if missing:
        row = sender._base_manager.using(using).filter(pk=instance.pk).values(*missing).first()
        if row is None:  # the save will insert: post_save reports it as a create
            return
        old.update({name: comparable(value) for name, value in row.items()})
    instance.__dict__[_OLD] = old


def on_post_save(sender, instance, created, raw=False, using=None, update_fields=None, **kwargs):
    spec = _specs[sender]
    old = instance.__dict__.pop(_OLD, None)
    if _enabled.get() and not raw:
        if created:
            row = build_row(
                spec, entity_id=instance.pk, action="create", old=None, new=current_values(instance, spec.fields)
            )
            write_rows([row], using=using)
        elif old is not None:
            new = current_values(instance, old)
            before, after = diff(old, new)
            if after:
                write_rows(
                    [build_row(spec, entity_id=instance.pk, action="update", old=before, new=after)], using=using
                )
            # `old` covers every field saved: the values just written are the next baseline.
            instance.__dict__.setdefault(_SNAPSHOT, {}).update(new)
            return
    remember_current(instance, None if created or update_fields is None else _fields_saved(spec, update_fields))


def on_post_delete(sender, instance, using=None, **kwargs):
    if not _enabled.get():
        return
    spec = _specs[sender]
    old = current_values(instance, (name for name in spec.fields if name not in instance.get_deferred_fields()))
    write_rows([build_row(spec, entity_id=instance.pk, action="delete", old=old, new=None)], using=using)


def connect_receivers() -> None:
    """Register every model of `AUDITED_APPS` and connect its receivers (AuditConfig.ready)."""
    from django.apps import apps
    from django.db.models import signals

    for label in AUDITED_APPS:
        for model in apps.get_app_config(label).get_models():
            register(model)
            uid = f"audit:{model._meta.label}"
            signals.pre_save.connect(on_pre_save, sender=model, weak=False, dispatch_uid=uid)
            signals.post_save.connect(on_post_save, sender=model, weak=False, dispatch_uid=uid)
            signals.post_delete.connect(on_post_delete, sender=model, weak=False, dispatch_uid=uid)
