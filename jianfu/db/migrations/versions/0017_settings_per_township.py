"""Settings per township, with database-wide defaults; clerks write only their township's

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 18:45:00

``setting`` was one set per database keyed by ``key``. It gets ``township_id`` (NULL: the
default the administrator or the county sets) and its own id. Existing values are kept: they
become the settings of the township they name (else the first township, the one of a single
file), and the fields that are not one township's (county, city, mechanism, time limits,
report baseline, backups) are kept as the defaults too, so every other township of a shared
server starts from them. On PostgreSQL row-level security lets a clerk read the defaults and
their own township's rows and write only the latter; the narrower grants on the shared
reference tables are in ``jianfu.db.grants`` (applied after every upgrade).
"""

import json

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

TOWNSHIP = '乡镇(街道)'
#: one township's own settings: not copied into the defaults
TOWNSHIP_ONLY = ('township_name', 'preparer', 'reviewer', 'phone')


def _create() -> None:
    op.create_table(
        'setting',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('township_id', sa.Integer(), nullable=True),
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['township_id'], ['unit.id'], name=op.f('fk_setting_township_id_unit')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_setting')),
        sa.UniqueConstraint('township_id', 'key', name=op.f('uq_setting_township_id')),
    )
    op.create_index(op.f('ix_setting_township_id'), 'setting', ['township_id'], unique=False)
    op.create_index(
        'uq_setting_default_key', 'setting', ['key'], unique=True,
        sqlite_where=sa.text('township_id IS NULL'),
        postgresql_where=sa.text('township_id IS NULL'),
    )


def _owner_town(bind, old: dict[str, str]) -> int | None:
    name = json.loads(old['township.township_name']) if 'township.township_name' in old else ''
    if name:
        town = bind.execute(sa.text(
            'SELECT id FROM unit WHERE type = :t AND name = :n ORDER BY id LIMIT 1'),
            {'t': TOWNSHIP, 'n': name}).scalar()
        if town is not None:
            return town
    return bind.execute(sa.text(
        'SELECT id FROM unit WHERE type = :t ORDER BY id LIMIT 1'), {'t': TOWNSHIP}).scalar()


def _postgres_security() -> None:
    own = '(township_id = jianfu_own_township() OR jianfu_is_admin())'
    visible = (
        'township_id IS NULL OR township_id = ANY (ARRAY(SELECT jianfu_visible_townships()))'
    )
    op.execute('ALTER TABLE setting ENABLE ROW LEVEL SECURITY')
    op.execute(f'CREATE POLICY setting_read ON setting FOR SELECT USING ({visible})')
    op.execute(f'CREATE POLICY setting_add ON setting FOR INSERT WITH CHECK ({own})')
    op.execute(f'CREATE POLICY setting_change ON setting FOR UPDATE USING ({own}) WITH CHECK ({own})')
    op.execute(f'CREATE POLICY setting_remove ON setting FOR DELETE USING ({own})')


def upgrade() -> None:
    bind = op.get_bind()
    old = dict(bind.execute(sa.text('SELECT key, value FROM setting')).all())
    op.drop_table('setting')
    _create()
    town = _owner_town(bind, old) if old else None
    rows = []
    for key, value in old.items():
        field = key.split('.', 1)[1] if key.startswith('township.') else None
        if town is None or field not in TOWNSHIP_ONLY:
            rows.append({'township_id': None, 'key': key, 'value': value})
        if town is not None:
            rows.append({'township_id': town, 'key': key, 'value': value})
    if rows:
        bind.execute(sa.text(
            'INSERT INTO setting (township_id, key, value) VALUES (:township_id, :key, :value)'),
            rows)
    if bind.dialect.name == 'postgresql':
        _postgres_security()


def downgrade() -> None:
    raise NotImplementedError('降级不受支持：请从升级前自动生成的备份恢复。')
