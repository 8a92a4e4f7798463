"""Organisation tree: records belong to a township; people; PostgreSQL roles and row security

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-05 14:00:00

Every task, case, certificate request, signboard and burden gets ``township_id`` (filled from
its village, else from the one township of the file). ``app_user`` maps a PostgreSQL login role
to its group role and unit. On PostgreSQL the group roles jianfu_clerk / jianfu_reviewer /
jianfu_mechanism / jianfu_admin are created where the migrating role may (CREATEROLE), with
grants; row-level security lets a clerk see and change only their township's rows, a reviewer
or the mechanism read the townships below their unit; only the mechanism (or an admin, or the
owner) may decide a case; a record for a village outside its township is refused.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None

OWNED = ('task_request', 'admission_case', 'certificate_request', 'signboard', 'burden')
#: child table -> (its parent, the column pointing at it): they follow the parent's visibility
CHILDREN = {
    'task_candidate': ('task_request', 'task_id'),
    'task_village': ('task_request', 'task_id'),
    'case_step': ('admission_case', 'case_id'),
    'board_photo': ('signboard', 'board_id'),
    'board_inspection': ('signboard', 'board_id'),
}
TOWNSHIP = '乡镇(街道)'
GROUPS = ('jianfu_clerk', 'jianfu_reviewer', 'jianfu_mechanism', 'jianfu_admin')
#: lists belong to the county or city that publishes them: clerks only read them
LIST_TABLES = ('list_kind', 'list_document', 'list_edition', 'list_item')

_FUNCTIONS = f"""
-- not SECURITY DEFINER: inside one, current_user would be the owner, not the person
CREATE OR REPLACE FUNCTION jianfu_person_role() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT role FROM app_user WHERE login = current_user AND active
$$;

CREATE OR REPLACE FUNCTION jianfu_is_admin() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT role = 'admin' FROM app_user
                     WHERE login = current_user AND active), false)
$$;

CREATE OR REPLACE FUNCTION jianfu_own_township() RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT a.unit_id FROM app_user a JOIN unit u ON u.id = a.unit_id
    WHERE a.login = current_user AND a.active AND a.role = 'clerk' AND u.type = '{TOWNSHIP}'
$$;

-- the townships at or below the connected person's unit (all of them for an admin)
CREATE OR REPLACE FUNCTION jianfu_visible_townships() RETURNS SETOF integer
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE below(id, type) AS (
        SELECT u.id, u.type FROM unit u JOIN app_user a ON a.unit_id = u.id
        WHERE a.login = current_user AND a.active AND a.role <> 'admin'
        UNION ALL
        SELECT u.id, u.type FROM unit u JOIN below b ON u.parent_id = b.id
        WHERE b.type <> '{TOWNSHIP}'
    )
    SELECT id FROM below WHERE type = '{TOWNSHIP}'
    UNION ALL
    SELECT id FROM unit WHERE type = '{TOWNSHIP}' AND jianfu_is_admin()
$$;

CREATE OR REPLACE FUNCTION jianfu_case_decision_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    who text := jianfu_person_role();
BEGIN
    IF NEW.status IS NOT DISTINCT FROM OLD.status OR who IS NULL OR who = 'admin' THEN
        RETURN NEW;
    END IF;
    IF NEW.status IN ('批准准入', '不予准入') AND who IN ('clerk', 'reviewer') THEN
        RAISE EXCEPTION '只有协调机制可以作出准入决定（批准准入或不予准入）；乡镇经办和县级审核人员无权决定。'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF who = 'clerk' AND OLD.status IN ('县级审核', '协调机制审批') THEN
        RAISE EXCEPTION '案件已报送上级（%），乡镇经办人员不能再改变它的环节。', OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF who = 'reviewer' AND OLD.status <> '县级审核' THEN
        RAISE EXCEPTION '县级审核人员只能办理处于“县级审核”环节的案件（此案件现为“%”）。', OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF who = 'mechanism' AND OLD.status NOT IN ('协调机制审批', '批准准入') THEN
        RAISE EXCEPTION '协调机制只能办理已报到协调机制的案件（此案件现为“%”）。', OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

-- a record's village must lie in the record's township
CREATE OR REPLACE FUNCTION jianfu_village_in_township() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    v_id integer := to_jsonb(NEW) ->> TG_ARGV[0];
    v_parent integer;
    v_type text;
    v_name text;
BEGIN
    IF v_id IS NULL OR NEW.township_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT parent_id, type, name INTO v_parent, v_type, v_name FROM unit WHERE id = v_id;
    IF v_id <> NEW.township_id AND v_parent IS DISTINCT FROM NEW.township_id THEN
        RAISE EXCEPTION '村(社区)“%”不属于本乡镇，不能为它登记或修改记录。', v_name
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
"""


def _column(bind, table: str) -> None:
    if bind.dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN township_id INTEGER REFERENCES unit (id)')
    else:
        op.add_column(table, sa.Column('township_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            f'fk_{table}_township_id_unit', table, 'unit', ['township_id'], ['id']
        )
    op.create_index(f'ix_{table}_township_id', table, ['township_id'])


def _backfill(bind) -> None:
    town = bind.execute(sa.text(
        'SELECT id FROM unit WHERE type = :t ORDER BY id LIMIT 1'), {'t': TOWNSHIP}
    ).scalar()
    if town is None:
        town = bind.execute(sa.text(
            'SELECT id FROM unit WHERE parent_id IS NULL ORDER BY id LIMIT 1')).scalar()
    if town is None:
        return  # an empty database: nothing to fill
    village_township = (
        '(SELECT CASE WHEN u.type = :t THEN u.id ELSE u.parent_id END FROM unit u WHERE u.id = {})'
    )
    for table, col in (('signboard', 'unit_id'), ('burden', 'unit_id'),
                       ('certificate_request', 'village_id')):
        bind.execute(sa.text(
            f'UPDATE {table} SET township_id = coalesce('
            f'{village_township.format(table + "." + col)}, :town)'), {'t': TOWNSHIP, 'town': town})
    for table in ('task_request', 'admission_case'):
        bind.execute(sa.text(f'UPDATE {table} SET township_id = :town'), {'town': town})


def _postgres_security(bind) -> None:
    op.execute(_FUNCTIONS)
    op.execute(
        "ALTER TABLE certificate_request DROP CONSTRAINT uq_certificate_request_year_seq"
    )
    op.create_unique_constraint(
        'uq_certificate_request_township_year_seq', 'certificate_request',
        ['township_id', 'year', 'seq'],
    )
    op.execute(
        "CREATE TRIGGER admission_case_decision_guard BEFORE UPDATE ON admission_case "
        "FOR EACH ROW EXECUTE FUNCTION jianfu_case_decision_guard()"
    )
    for table, col in (('certificate_request', 'village_id'), ('signboard', 'unit_id'),
                       ('burden', 'unit_id')):
        op.execute(
            f"CREATE TRIGGER {table}_village_in_township BEFORE INSERT OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION jianfu_village_in_township('{col}')"
        )
    visible = 'township_id IN (SELECT jianfu_visible_townships())'
    own = '(township_id = jianfu_own_township() OR jianfu_is_admin())'
    for table in OWNED:
        op.execute(f'ALTER TABLE {table} ENABLE ROW LEVEL SECURITY')
        op.execute(f'CREATE POLICY {table}_read ON {table} FOR SELECT USING ({visible})')
        op.execute(f'CREATE POLICY {table}_add ON {table} FOR INSERT WITH CHECK ({own})')
        op.execute(
            f'CREATE POLICY {table}_change ON {table} FOR UPDATE USING ({visible}) '
            f'WITH CHECK ({visible})'
        )
        op.execute(f'CREATE POLICY {table}_remove ON {table} FOR DELETE USING ({own})')
    for table, (parent, col) in CHILDREN.items():
        op.execute(f'ALTER TABLE {table} ENABLE ROW LEVEL SECURITY')
        op.execute(
            f'CREATE POLICY {table}_follows_{parent} ON {table} USING '
            f'(EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{col}))'
        )
    # the tree is readable by everyone; a clerk changes only their township and its villages
    op.execute('ALTER TABLE unit ENABLE ROW LEVEL SECURITY')
    op.execute('CREATE POLICY unit_read ON unit FOR SELECT USING (true)')
    mine = '(jianfu_is_admin() OR id = jianfu_own_township() OR parent_id = jianfu_own_township())'
    op.execute(f'CREATE POLICY unit_add ON unit FOR INSERT WITH CHECK ({mine})')
    op.execute(f'CREATE POLICY unit_change ON unit FOR UPDATE USING ({mine}) WITH CHECK ({mine})')

    op.execute(
        "DO $$ DECLARE g text; BEGIN "
        f"FOREACH g IN ARRAY ARRAY{list(GROUPS)!r} LOOP "
        "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN "
        "EXECUTE format('CREATE ROLE %I NOLOGIN', g); END IF; END LOOP; "
        "EXCEPTION WHEN insufficient_privilege THEN "
        "RAISE NOTICE 'no CREATEROLE: group roles not created, jianfu users cannot add people'; "
        "END $$"
    )
    have_groups = bind.execute(sa.text(
        'SELECT count(*) FROM pg_roles WHERE rolname = ANY(:g)'), {'g': list(GROUPS)}
    ).scalar()
    if have_groups != len(GROUPS):
        return
    groups = ', '.join(GROUPS)
    op.execute(f'GRANT USAGE ON SCHEMA public TO {groups}')
    op.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO {groups}')
    op.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {groups}')
    op.execute(f'GRANT INSERT ON audit_log TO {groups}')
    op.execute('GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jianfu_clerk')
    op.execute(
        f'REVOKE INSERT, UPDATE, DELETE ON app_user, {", ".join(LIST_TABLES)} FROM jianfu_clerk'
    )
    op.execute('REVOKE UPDATE, DELETE ON audit_log FROM jianfu_clerk')
    for group in ('jianfu_reviewer', 'jianfu_mechanism'):
        op.execute(f'GRANT UPDATE ON admission_case TO {group}')
        op.execute(f'GRANT INSERT ON case_step TO {group}')
    op.execute('GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jianfu_admin')
    op.execute('REVOKE UPDATE, DELETE ON audit_log FROM jianfu_admin')
    # ID numbers: the clerk who registers and prints the certificate reads them; above, no one
    cols = [c for c in bind.execute(sa.text(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'certificate_request' AND table_schema = current_schema() "
        "ORDER BY ordinal_position")).scalars() if c != 'id_number']
    op.execute('REVOKE SELECT ON certificate_request FROM jianfu_reviewer, jianfu_mechanism')
    op.execute(
        f'GRANT SELECT ({", ".join(cols)}) ON certificate_request '
        'TO jianfu_reviewer, jianfu_mechanism'
    )


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        'app_user',
        sa.Column('login', sa.String(length=63), nullable=False),
        sa.Column('role', sa.String(length=12), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('display_name', sa.String(length=40), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_app_user_unit_id_unit')),
        sa.PrimaryKeyConstraint('login', name=op.f('pk_app_user')),
    )
    op.create_index(op.f('ix_app_user_unit_id'), 'app_user', ['unit_id'], unique=False)
    for table in OWNED:
        _column(bind, table)
    _backfill(bind)
    if bind.dialect.name == 'postgresql':
        _postgres_security(bind)
    else:
        # SQLite keeps the register's table constraint (one township per file); a unique index
        # carries the township-wide numbering the models declare.
        op.create_index(
            'uq_certificate_request_township_year_seq', 'certificate_request',
            ['township_id', 'year', 'seq'], unique=True,
        )


def downgrade() -> None:
    raise NotImplementedError('降级不受支持：请从升级前自动生成的备份恢复。')
