"""Child rows carry their parent's township, so their policy uses an index, not a probe per row

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-05 21:00:00

Migration 0010 let a task's villages and candidates, a case's steps and a board's photos and
inspections follow their parent with ``EXISTS (SELECT 1 FROM parent p WHERE p.id = child.fk)``.
A policy's sub-select is never turned into a join: PostgreSQL runs it once per child row, an
index probe into the parent with the parent's own policy each time. The coordination mechanism
counting a city's 22,494 task villages paid 22,494 probes (87 ms, against 8 ms for the owner's
join choosing the same rows; ``tests/bench/levels_figures.py``), and every page of tasks and
every period report paid them again.

On PostgreSQL each child table gets ``township_id``, always its parent's: a trigger fills it from
the parent on every insert and update of a child row (whatever the writer sends), and a change
of a parent's township is carried to its children in the same statement. The child's policy is
then the parent's own read rule, ``township_id = ANY (ARRAY(SELECT jianfu_visible_townships()))``,
which the new index on the child's township_id answers. A child row is visible exactly when its
parent is (same township, same rule; a parent without a township hides its children either
way), and a row written for a parent the person may not see is refused as before: the trigger
runs before the policy's check. SQLite has no policies, and no such column.
"""

from alembic import op

revision = '0019'
down_revision = '0017'
branch_labels = None
depends_on = None

#: child table -> (its parent, the column pointing at it), as in 0010
CHILDREN = {
    'task_candidate': ('task_request', 'task_id'),
    'task_village': ('task_request', 'task_id'),
    'case_step': ('admission_case', 'case_id'),
    'board_photo': ('signboard', 'board_id'),
    'board_inspection': ('signboard', 'board_id'),
}
VISIBLE = 'township_id = ANY (ARRAY(SELECT jianfu_visible_townships()))'

_FUNCTIONS = """
-- a child row's township is its parent's: TG_ARGV = (parent table, the column pointing at it)
CREATE OR REPLACE FUNCTION jianfu_child_township() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    parent_id integer := (to_jsonb(NEW) ->> TG_ARGV[1])::integer;
    town integer;
BEGIN
    EXECUTE format('SELECT township_id FROM %I WHERE id = $1', TG_ARGV[0])
        INTO town USING parent_id;
    NEW.township_id := town;
    RETURN NEW;
END;
$$;

-- a parent that moves to another township takes its children along:
-- TG_ARGV = (child table, its column, child table, its column, ...)
CREATE OR REPLACE FUNCTION jianfu_children_follow_township() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    i integer := 0;
BEGIN
    WHILE i < TG_NARGS LOOP
        EXECUTE format('UPDATE %I SET township_id = $1 WHERE %I = $2',
                       TG_ARGV[i], TG_ARGV[i + 1])
            USING NEW.township_id, NEW.id;
        i := i + 2;
    END LOOP;
    RETURN NULL;
END;
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(_FUNCTIONS)
    parents: dict[str, list[str]] = {}
    for table, (parent, col) in CHILDREN.items():
        op.execute(f'ALTER TABLE {table} ADD COLUMN township_id integer')
        op.execute(
            f'UPDATE {table} c SET township_id = p.township_id FROM {parent} p '
            f'WHERE p.id = c.{col}'
        )
        op.execute(f'CREATE INDEX ix_{table}_township_id ON {table} (township_id)')
        op.execute(
            f'CREATE TRIGGER {table}_township BEFORE INSERT OR UPDATE ON {table} '
            f"FOR EACH ROW EXECUTE FUNCTION jianfu_child_township('{parent}', '{col}')"
        )
        op.execute(f'ALTER POLICY {table}_follows_{parent} ON {table} USING ({VISIBLE})')
        parents.setdefault(parent, []).extend([table, col])
    for parent, args in parents.items():
        quoted = ', '.join(f"'{a}'" for a in args)
        op.execute(
            f'CREATE TRIGGER {parent}_children_township AFTER UPDATE OF township_id ON {parent} '
            'FOR EACH ROW WHEN (OLD.township_id IS DISTINCT FROM NEW.township_id) '
            f'EXECUTE FUNCTION jianfu_children_follow_township({quoted})'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for parent in {p for p, _c in CHILDREN.values()}:
        op.execute(f'DROP TRIGGER {parent}_children_township ON {parent}')
    for table, (parent, col) in CHILDREN.items():
        op.execute(
            f'ALTER POLICY {table}_follows_{parent} ON {table} USING '
            f'(EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{col}))'
        )
        op.execute(f'DROP TRIGGER {table}_township ON {table}')
        op.execute(f'ALTER TABLE {table} DROP COLUMN township_id')
    op.execute('DROP FUNCTION jianfu_children_follow_township()')
    op.execute('DROP FUNCTION jianfu_child_township()')
