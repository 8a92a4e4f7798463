"""What each group role may do on a shared PostgreSQL, applied again after every upgrade.

Migration 0010 creates the group roles and the row-level policies. The grants are kept here
and run after each upgrade (``jianfu.db.migrate.upgrade``), so a table or a column that a later
migration adds is readable by every person and writable by clerks like the others, and the
reviewer's and mechanism's column grants on ``certificate_request`` name every column except
the ID number. Default privileges cover tables the owner creates outside a migration.

A later table that holds one township's rows must enable row-level security in its own
migration; the grants alone would let a clerk read every township's rows.

From migration 0023 on, this step also puts the trigger that refuses every write by a login
that is no registered person (``jianfu_guard_every_table()``) on each table that lacks it, so
a table a later migration adds is guarded like the others without being named.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

GROUPS = ("jianfu_clerk", "jianfu_reviewer", "jianfu_mechanism", "jianfu_admin")
#: lists belong to the county or city that publishes them: clerks only read them
LIST_TABLES = ("list_kind", "list_document", "list_edition", "list_item")
#: shared by every township, no township's rows: the administrator keeps them (departments,
#: board categories and the allowed set, burden types, the working-day calendar). A clerk's
#: daily work only reads them: a task's free-text department is kept as written (tasks), and
#: the list import that creates departments is the administrator's (lists are not clerks').
REFERENCE_TABLES = (
    "department",
    "department_alias",
    "board_category",
    "board_allowed_rule",
    "burden_type",
    "workday_override",
    "official_schedule",
    "official_day",
)
#: shared too, but a clerk's checking adds to them (a confirmed decision, a synonym): add only
CLERK_ADDS_ONLY = ("check_precedent", "item_synonym")
#: the ID number: the clerk who registers and prints the certificate reads it; above, no one
PRIVATE_COLUMNS = {"certificate_request": ("id_number",)}
#: what the county reviewer's opinion changes on a case (forwarded or returned; the opinion is
#: a new row of case_step): its status only, never the township's request nor the terms that
#: only the coordination mechanism decides
CASE_REVIEW_COLUMNS = ("status", "version", "updated_at")
#: what the mechanism's decision changes on a case: its status and the approved terms
CASE_DECISION_COLUMNS = (
    "status",
    "approved_start",
    "approved_end",
    "conditions",
    "approved_funding",
    "staffing",
    "version",
    "updated_at",
)


def statements(columns: dict[str, list[str]]) -> list[str]:
    """The GRANT and REVOKE statements, given the columns of the tables with private ones."""
    groups = ", ".join(GROUPS)
    above = "jianfu_reviewer, jianfu_mechanism"
    out = [
        f"GRANT USAGE ON SCHEMA public TO {groups}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {groups}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {groups}",
        "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jianfu_clerk, jianfu_admin",
        # the schema's version is the owner's; people and lists are not the clerk's to change
        "REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM jianfu_clerk, jianfu_admin",
        f"REVOKE INSERT, UPDATE, DELETE ON app_user, {', '.join(LIST_TABLES)} FROM jianfu_clerk",
        f"REVOKE INSERT, UPDATE, DELETE ON {', '.join(REFERENCE_TABLES)} FROM jianfu_clerk",
        f"REVOKE UPDATE, DELETE ON {', '.join(CLERK_ADDS_ONLY)} FROM jianfu_clerk",
        # ``setting``: row-level security (0017) keeps a clerk to their township's rows
        f"GRANT INSERT ON audit_log TO {groups}",
        f"REVOKE UPDATE, DELETE ON audit_log FROM {groups}",
        # above the township: a case's step and decision, nothing else (0010 granted the row)
        f"REVOKE UPDATE ON admission_case FROM {above}",
        f"GRANT UPDATE ({', '.join(CASE_REVIEW_COLUMNS)}) ON admission_case TO jianfu_reviewer",
        f"GRANT UPDATE ({', '.join(CASE_DECISION_COLUMNS)}) ON admission_case TO jianfu_mechanism",
        f"GRANT INSERT ON case_step TO {above}",
        # tables and sequences the owner creates later get the same reading rights
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {groups}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {groups}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        "GRANT INSERT, UPDATE, DELETE ON TABLES TO jianfu_clerk, jianfu_admin",
    ]
    for table, private in PRIVATE_COLUMNS.items():
        readable = [c for c in columns.get(table, []) if c not in private]
        out.append(f"REVOKE SELECT ON {table} FROM {above}")
        if readable:
            out.append(f"GRANT SELECT ({', '.join(readable)}) ON {table} TO {above}")
    return out


def apply(connection: Connection) -> bool:
    """Grant the group roles their rights on every table; False when they do not exist.

    Runs as the owner inside the upgrade's transaction; without the group roles (a server where
    the owner may not create roles) there is no one to grant to.
    """
    if connection.dialect.name != "postgresql":
        return False
    guard_every_table(connection)
    have = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:g)"), {"g": list(GROUPS)}
    ).scalar_one()
    tables = set(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )
    if have != len(GROUPS) or "app_user" not in tables:
        return False
    columns: dict[str, list[str]] = {}
    for table in PRIVATE_COLUMNS:
        columns[table] = list(
            connection.execute(
                text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                    "AND table_schema = current_schema() ORDER BY ordinal_position"
                ),
                {"t": table},
            ).scalars()
        )
    for statement in statements(columns):
        connection.execute(text(statement))
    # 0023b, 0032, 0034, 0035: the server's triggers keep them, nobody else
    for kept in (
        "change_channel",
        "board_standing",
        "certificate_month",
        "board_month",
        "board_town",
    ):
        if kept in tables:
            connection.execute(
                text(f"REVOKE INSERT, UPDATE, DELETE ON {kept} FROM {', '.join(GROUPS)}")
            )
    renew = "jianfu_renew_change_channels()"
    if connection.execute(text(f"SELECT to_regprocedure('{renew}') IS NOT NULL")).scalar_one():
        # 0023c: new channel names when the administrator disables a person
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {renew} TO jianfu_admin"))
    return True


def guard_every_table(connection: Connection) -> int:
    """Put migration 0023's write guard on every table of the schema that lacks it.

    Returns how many tables got it (0 before 0023, when the function does not exist yet).
    """
    exists = connection.execute(
        text("SELECT to_regprocedure('jianfu_guard_every_table()') IS NOT NULL")
    ).scalar_one()
    if not exists:
        return 0
    return int(connection.execute(text("SELECT jianfu_guard_every_table()")).scalar_one())
