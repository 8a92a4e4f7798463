"""Every save on a shared PostgreSQL is announced to the open screens (LISTEN/NOTIFY)

Revision ID: 0022
Revises: 0019b
Create Date: 2026-12-05 21:00:00

A trigger on each table whose rows the screens show sends ``pg_notify('jianfu_changes',
'<table>:<township id>')`` for every row inserted, changed or deleted (``'<table>'`` alone for
the rows that belong to no township: lists, departments, the calendar, people). The payload is
the table's name and the township's id, never anything of the row. PostgreSQL delivers a
notification only when the transaction commits, and one per distinct payload per transaction,
so an import of a thousand signboards is one notification. A child row (a case's step, a
board's photo) has its parent's township since 0019 and is announced with it. A trigger, not
the app's unit of work, so that the command line, an older app and any other tool writing the
database are announced too. The audit trail and the checking's precedents and synonyms are not
announced: every save writes the former, every confirmed check the latter, and no screen of
another person needs to reload for them. SQLite has nobody else to tell: nothing to do there.
"""

from alembic import op

revision = '0022'
down_revision = '0019b'
branch_labels = None
depends_on = None

CHANNEL = 'jianfu_changes'
TOWNSHIP = '乡镇(街道)'
#: the rows of one township, with a township_id column (the children's since 0019)
OWNED = (
    'task_request', 'admission_case', 'certificate_request', 'signboard', 'burden', 'setting',
    'task_candidate', 'task_village', 'case_step', 'board_photo', 'board_inspection',
)
#: shared by every township: announced to everyone
SHARED = (
    'list_kind', 'list_document', 'list_edition', 'list_item',
    'department', 'department_alias', 'board_category', 'board_allowed_rule', 'burden_type',
    'workday_override', 'official_schedule', 'official_day', 'app_user',
)

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION jianfu_announce_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    towns integer[] := ARRAY[]::integer[];
    town integer;
BEGIN
    IF TG_ARGV[0] = 'township' THEN
        IF TG_OP <> 'INSERT' THEN towns := towns || OLD.township_id; END IF;
        IF TG_OP <> 'DELETE' THEN towns := towns || NEW.township_id; END IF;
    ELSIF TG_ARGV[0] = 'unit' THEN
        -- a township is its own; a village belongs to its parent; a county or city to nobody
        IF TG_OP <> 'INSERT' THEN
            towns := towns || CASE WHEN OLD.type = '{TOWNSHIP}' THEN OLD.id
                WHEN OLD.type NOT IN ('市', '县(市、区)') THEN OLD.parent_id END;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            towns := towns || CASE WHEN NEW.type = '{TOWNSHIP}' THEN NEW.id
                WHEN NEW.type NOT IN ('市', '县(市、区)') THEN NEW.parent_id END;
        END IF;
    ELSE
        towns := ARRAY[NULL]::integer[];
    END IF;
    FOREACH town IN ARRAY towns LOOP
        PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || coalesce(':' || town, ''));
    END LOOP;
    RETURN NULL;
END;
$$;
"""


def _tables() -> list[tuple[str, str]]:
    """(table, the trigger's arguments)."""
    out = [(t, "'township'") for t in OWNED]
    out.append(('unit', "'unit'"))
    out += [(t, "'shared'") for t in SHARED]
    return out


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_FUNCTION)
    for table, args in _tables():
        op.execute(
            f'CREATE TRIGGER {table}_announce AFTER INSERT OR UPDATE OR DELETE ON {table} '
            f'FOR EACH ROW EXECUTE FUNCTION jianfu_announce_change({args})'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table, _args in _tables():
        op.execute(f'DROP TRIGGER IF EXISTS {table}_announce ON {table}')
    op.execute('DROP FUNCTION IF EXISTS jianfu_announce_change()')
