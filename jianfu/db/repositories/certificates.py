"""The certificate register: rows to domain objects, paged search, serial numbers, figures."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from unicodedata import category as _category

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.orm import Session, aliased, joinedload
from sqlalchemy.sql.elements import TextClause

from jianfu.db.models import UnitRow
from jianfu.db.models_certificates import CertificateRequestRow
from jianfu.db.repositories import units as units_repo
from jianfu.db.repositories._search import contains_any
from jianfu.db.township import connected_person
from jianfu.domain.certificates import (
    SERIAL_DIGITS,
    AgencyDemand,
    CandidateRef,
    CertificateFigures,
    CertificateRequest,
    Consultation,
    Outcome,
    VillageCertificateFigures,
)
from jianfu.domain.paging import Page
from jianfu.domain.units import township_label
from jianfu.domain.verdicts import Verdict

_SERIAL = re.compile(r"^(\d{4})-(\d{0,6})$")
#: the beginning of a register number's year (2, 20, 202, 2026): read as a number too
_YEAR_START = re.compile(r"^[1-9]\d{0,3}$")
#: the most digits a register number has after its year (the search reads no more)
_SERIAL_MAX_DIGITS = 6
_ID_LIKE = re.compile(r"^[0-9]{17}[0-9Xx]$|^[0-9]{15}$")


@dataclass(frozen=True)
class CertificateFilter:
    """What the register shows: text, village, period and outcome (all optional)."""

    query: str = ""
    village_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    outcome: Outcome | None = None
    verdict: Verdict | None = None
    #: only these townships' requests (empty: every one the session reads)
    townships: tuple[int, ...] = ()


def candidates_to_json(candidates: tuple[CandidateRef, ...]) -> str:
    """The check's candidates as stored in the row."""
    return json.dumps(
        [
            {"item": c.item, "kind": c.kind, "score": c.score, "item_id": c.item_id}
            for c in candidates
        ],
        ensure_ascii=False,
    )


def _candidates(text: str) -> tuple[CandidateRef, ...]:
    try:
        data = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(
        CandidateRef(str(d["item"]), str(d["kind"]), float(d["score"]), d.get("item_id"))
        for d in data
    )


def to_domain(row: CertificateRequestRow) -> CertificateRequest:
    """The domain object for a row; the ID number only masked."""
    consultation = None
    if row.consult_date is not None or row.consult_participants:
        consultation = Consultation(
            row.consult_date, row.consult_participants, row.consult_agreed, row.consult_signer
        )
    return CertificateRequest(
        id=row.id,
        year=row.year,
        seq=row.seq,
        request_date=row.request_date,
        applicant_name=row.applicant_name,
        id_masked=row.id_masked,
        village_id=row.village_id,
        village=row.village.name if row.village is not None else "",
        subject=row.subject,
        purpose=row.purpose,
        agency=row.agency,
        check_verdict=Verdict(row.check_verdict),
        verdict=Verdict(row.verdict),
        candidates=_candidates(row.candidates),
        item_id=row.item_id,
        item_name=row.item_name,
        item_kind=row.item_kind,
        outcome=Outcome(row.outcome),
        outcome_date=row.outcome_date,
        basis=row.basis,
        alternative=row.alternative,
        referred_to=row.referred_to,
        fact=row.fact,
        handler=row.handler,
        signer=row.signer,
        sealed=row.sealed,
        attachments=row.attachments,
        notes=row.notes,
        consultation=consultation,
        version=row.version,
    )


_VERDICTS = {v.value: v for v in Verdict}
_OUTCOMES = {o.value: o for o in Outcome}
_T = CertificateRequestRow
#: what a line of the register is made of, read as plain columns (no ORM object per row): every
#: column ``to_domain`` reads but the ID number, which the levels above may not read
_LINE_COLUMNS = (
    _T.id,
    _T.year,
    _T.seq,
    _T.request_date,
    _T.applicant_name,
    _T.id_masked,
    _T.village_id,
    _T.subject,
    _T.purpose,
    _T.agency,
    _T.check_verdict,
    _T.verdict,
    _T.candidates,
    _T.item_id,
    _T.item_name,
    _T.item_kind,
    _T.outcome,
    _T.outcome_date,
    _T.basis,
    _T.alternative,
    _T.referred_to,
    _T.fact,
    _T.handler,
    _T.signer,
    _T.sealed,
    _T.attachments,
    _T.notes,
    _T.consult_date,
    _T.consult_participants,
    _T.consult_agreed,
    _T.consult_signer,
    _T.version,
)


_VILLAGE, _TOWNSHIP = aliased(UnitRow, name="village"), aliased(UnitRow, name="township")
_COUNTY = aliased(UnitRow, name="county")


def _with_names(
    stmt: Select[Any], *more: ColumnElement[Any], with_county: bool = False
) -> Select[*tuple[Any, ...]]:
    """``stmt`` (of ``_filtered``) reading a line's columns with its village's and township's
    names (joined: no second query for them), the township's county's with ``with_county``
    ("" without), and ``more``."""
    county = _COUNTY.name if with_county else literal("")
    named = (
        stmt.with_only_columns(*_LINE_COLUMNS, _VILLAGE.name, _TOWNSHIP.name, county, *more)
        .outerjoin(_VILLAGE, _VILLAGE.id == _T.village_id)
        .outerjoin(_TOWNSHIP, _TOWNSHIP.id == _T.township_id)
    )
    # on the units' key, as the township's: the page's few rows, not the register
    return named.outerjoin(_COUNTY, _COUNTY.id == _TOWNSHIP.parent_id) if with_county else named


def _line(r: Any) -> CertificateRequest:
    """The domain object of a row read by ``_with_names`` (as ``to_domain`` makes it)."""
    (
        id_,
        year,
        seq,
        request_date,
        applicant_name,
        id_masked,
        village_id,
        subject,
        purpose,
        agency,
        check_verdict,
        verdict,
        candidates,
        item_id,
        item_name,
        item_kind,
        outcome,
        outcome_date,
        basis,
        alternative,
        referred_to,
        fact,
        handler,
        signer,
        sealed,
        attachments,
        notes,
        consult_date,
        consult_participants,
        consult_agreed,
        consult_signer,
        version,
        village,
        township,
        county,
    ) = r[:35]
    consultation = None
    if consult_date is not None or consult_participants:
        consultation = Consultation(
            consult_date,
            consult_participants,
            consult_agreed,
            consult_signer,
        )
    return CertificateRequest(
        id=id_,
        year=year,
        seq=seq,
        request_date=request_date,
        applicant_name=applicant_name,
        id_masked=id_masked,
        village_id=village_id,
        village=village or "",
        subject=subject,
        purpose=purpose,
        agency=agency,
        check_verdict=_VERDICTS[check_verdict],
        verdict=_VERDICTS[verdict],
        candidates=_candidates(candidates) if candidates != "[]" else (),
        item_id=item_id,
        item_name=item_name,
        item_kind=item_kind,
        outcome=_OUTCOMES[outcome],
        outcome_date=outcome_date,
        basis=basis,
        alternative=alternative,
        referred_to=referred_to,
        fact=fact,
        handler=handler,
        signer=signer,
        sealed=sealed,
        attachments=attachments,
        notes=notes,
        consultation=consultation,
        version=version,
        township=township_label(township, county or "") if township else "",
    )


def get(session: Session, request_id: int) -> CertificateRequestRow | None:
    """The row with this id, with its village loaded."""
    return session.get(
        CertificateRequestRow, request_id, options=[joinedload(CertificateRequestRow.village)]
    )


def next_seq(session: Session, year: int, township_id: int | None) -> int:
    """The next register number of ``year`` in the township (numbers restart every year).

    A SQLite file keeps one numbering per year for the whole file (its table constraint): the
    city demo there holds several townships, numbered together.
    """
    where = [CertificateRequestRow.year == year]
    if session.get_bind().dialect.name != "sqlite":
        where.append(CertificateRequestRow.township_id == township_id)
    last = session.execute(select(func.max(CertificateRequestRow.seq)).where(*where)).scalar_one()
    return (last or 0) + 1


def _filtered(
    session: Session, f: CertificateFilter, id_number: str = ""
) -> Select[CertificateRequestRow]:
    stmt = select(CertificateRequestRow)
    if f.townships:
        stmt = stmt.where(CertificateRequestRow.township_id.in_(f.townships))
    if f.village_id is not None:
        stmt = stmt.where(CertificateRequestRow.village_id == f.village_id)
    if f.start is not None:
        stmt = stmt.where(CertificateRequestRow.request_date >= f.start)
    if f.end is not None:
        stmt = stmt.where(CertificateRequestRow.request_date <= f.end)
    if f.outcome is not None:
        stmt = stmt.where(CertificateRequestRow.outcome == Outcome(f.outcome).value)
    if f.verdict is not None:
        stmt = stmt.where(CertificateRequestRow.verdict == Verdict(f.verdict).value)
    query = f.query.strip()
    if id_number:
        # A full ID number typed into the search finds its requests without showing it.
        stmt = stmt.where(CertificateRequestRow.id_number == id_number)
    elif m := _SERIAL.match(query):
        stmt = stmt.where(_serial_clause(int(m.group(1)), m.group(2)))
    elif _YEAR_START.match(query):
        # the beginning of a number as much as a text: 2026 finds the year's numbers as
        # 2026- does, and the requests whose text holds 2026 (2026年度…), so that 2, 20, 202,
        # 2026, 2026-, 2026-0 … each narrow what the one before found (2026 read as text
        # alone found a few requests, 2026- then the whole year)
        stmt = stmt.where(or_(_year_clause(query), _search_clause(session, query)))
    elif query:
        stmt = stmt.where(_search_clause(session, query))
    return stmt


def _year_clause(digits: str) -> ColumnElement[bool]:
    """The register numbers whose year begins with ``digits`` (1-4 of them, no leading zero):
    2026 the year's, 202 those of 2020-2029."""
    scale = 10 ** (4 - len(digits))
    start = int(digits) * scale
    return CertificateRequestRow.year.between(start, start + scale - 1)


def _serial_clause(year: int, digits: str) -> ColumnElement[bool]:
    """The register numbers a typed number names: every number it begins as printed
    (2026-001: 2026-0010 … 2026-0019; 2026-: the year's; 2026-1234: 2026-1234 and the
    longer 2026-12340 … 2026-12349), so each keystroke narrows the rows found (2026-001 read
    as 2026-0001, and the rows jumped from one number to another while it was typed); typed
    with more leading zeros than printed (2026-00012), that number."""
    seq = CertificateRequestRow.seq
    in_year = CertificateRequestRow.year == year
    if not digits:
        return in_year
    typed, start = len(digits), int(digits)
    # printed with SERIAL_DIGITS digits, zeros in front; longer numbers have none
    widths = range(max(SERIAL_DIGITS, typed), _SERIAL_MAX_DIGITS + 1)
    if digits.startswith("0"):
        widths = range(SERIAL_DIGITS, SERIAL_DIGITS + 1 if typed <= SERIAL_DIGITS else 0)
    found: list[ColumnElement[bool]] = [
        seq.between(start * 10 ** (width - typed), (start + 1) * 10 ** (width - typed) - 1)
        for width in widths
    ]
    if typed >= SERIAL_DIGITS:
        found.append(seq == start)
    return and_(in_year, or_(*found))


#: Queries shorter than this use LIKE: SQLite's trigram index needs 3 characters.
FTS_MIN_CHARS = 3
#: The searchable text as one string (the PostgreSQL trigram index holds the same, see 0013).
_SEARCH_COLUMNS = ("applicant_name", "subject", "purpose", "agency", "item_name", "notes")


def _has_table(session: Session, name: str) -> bool:
    """True when the SQLite file has the full-text table ``name`` (remembered per engine)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    known: dict[str, bool] | None = getattr(bind, "_jianfu_certificate_fts", None)
    if known is None:
        known = {}
        bind._jianfu_certificate_fts = known  # type: ignore[union-attr]
    if name not in known:
        known[name] = bool(
            session.execute(
                text("SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": name}
            ).first()
        )
    return known[name]


def _has_fts(session: Session) -> bool:
    return _has_table(session, "certificate_request_fts")


#: SQLite's index of every character and pair of characters (migration 0019b) and the token
#: of a row too long for it, which every short search takes as a candidate
_SHORT_FTS, _OVERLONG = "certificate_request_short_fts", "jianfuoverlong"


def _short_candidates(session: Session, query: str) -> ColumnElement[bool] | None:
    """The rows that may contain a query of 1-2 letters or digits, by SQLite's short index.

    The index folds case and separates punctuation, so it only narrows the rows down: the
    caller's own test still decides. None where it cannot answer (PostgreSQL, punctuation).
    """
    # letters and digits only: the tokenizer's own classes (unicode61: L*, N*), so that a pair
    # in the text is one token, as the query is
    if not (0 < len(query) < FTS_MIN_CHARS and all(_category(c)[0] in "LN" for c in query)):
        return None
    if not _has_table(session, _SHORT_FTS):
        return None
    match = f'"{query}" OR {_OVERLONG}'
    # a term in a quarter of the register or more (证 is in nearly every request): reading
    # the rows is quicker than looking each candidate up; counted on the index, at most that far
    key = ("jianfu_short_search_helps", query)
    if key not in session.info:
        rows = session.execute(text("SELECT max(id) FROM certificate_request")).scalar() or 0
        cap = max(rows // 4, 1000)
        found = session.execute(
            text(
                f"SELECT count(*) FROM (SELECT rowid FROM {_SHORT_FTS} "
                f"WHERE {_SHORT_FTS} MATCH :short LIMIT :cap)"
            ),
            {"short": match, "cap": cap},
        ).scalar_one()
        session.info[key] = found < cap
    if not session.info[key]:
        return None
    return CertificateRequestRow.id.in_(
        select(text("rowid"))
        .select_from(text(_SHORT_FTS))
        .where(text(f"{_SHORT_FTS} MATCH :short").bindparams(short=match))
    )


#: the searchable text as PostgreSQL's indexes hold it (0013, 0019c), columns named in full
_PG_TEXT = "(" + " || chr(10) || ".join(f"certificate_request.{c}" for c in _SEARCH_COLUMNS) + ")"


def _server_candidates(session: Session, query: str) -> ColumnElement[bool] | TextClause:
    """On PostgreSQL, the requests that may contain ``query``, chosen by an index.

    A person's login is under row-level security, where an ``ILIKE`` never reaches an index:
    the helper ``jianfu_certificate_candidates`` (0019c) searches by index among the townships
    the person sees, when the term is rare enough for the index to help (0019d). The owner,
    whom the policies do not bind, asks the indexes directly (the trigram index for 3+
    characters; for 1-2, the GIN index of characters and pairs). Either way the caller's own
    ``ILIKE`` and the policies still decide which rows are found.
    """
    if connected_person(session) is not None:
        # the helper narrows a rare term down; a common one reads the person's rows (0019d)
        key = ("jianfu_search_is_narrow", query)
        if key not in session.info:
            session.info[key] = bool(
                session.execute(select(func.jianfu_certificate_search_is_narrow(query))).scalar()
            )
        if not session.info[key]:
            return true()
        return CertificateRequestRow.id.in_(
            select(literal_column("c")).select_from(
                func.jianfu_certificate_candidates(query).alias("c")
            )
        )
    if len(query) >= FTS_MIN_CHARS:
        return true()
    # a term in a quarter of the register or more (证 is in nearly every request): reading the
    # rows is quicker than taking every one as the index's candidate to test again (counting
    # the city's 300,000 for 证 took 4-13 s that way, against 0.35 s read); by the planner's
    # statistics, as the persons' helper decides (0019d)
    key = ("jianfu_owner_search_is_narrow", query)
    if key not in session.info:
        session.info[key] = bool(session.execute(_OWNER_NARROW, {"q": query}).scalar())
    if not session.info[key]:
        return true()
    return text(f"jianfu_short_grams({_PG_TEXT}) @> ARRAY[lower(:short_q)]").bindparams(
        short_q=query
    )


#: whether a 1-2 character term is in under a quarter of the register, by the planner's
#: estimates (``jianfu_estimated_rows``, 0019d: an EXPLAIN, nothing read); the expression is
#: the one the GIN index of characters and pairs is built on (0019c), whose statistics it reads
_OWNER_NARROW = text(
    "SELECT jianfu_estimated_rows(format('SELECT 1 FROM certificate_request c WHERE "
    "jianfu_short_grams("
    + " || chr(10) || ".join(f"c.{c}" for c in _SEARCH_COLUMNS)
    + ") @> ARRAY[%L]', lower(:q))) * 4 "
    "< jianfu_estimated_rows('SELECT 1 FROM certificate_request c')"
)


def _search_clause(session: Session, query: str) -> ColumnElement[bool]:
    """Requests whose text contains ``query``: by the trigram index where there is one."""
    if len(query) >= FTS_MIN_CHARS and _has_fts(session):
        phrase = '"' + query.replace('"', '""') + '"'
        return CertificateRequestRow.id.in_(
            select(text("rowid"))
            .select_from(text("certificate_request_fts"))
            .where(text("certificate_request_fts MATCH :phrase").bindparams(phrase=phrase))
        )
    if session.get_bind().dialect.name == "postgresql":
        # one expression, the one the pg_trgm index (migration 0013) is built on
        columns = [getattr(CertificateRequestRow, c) for c in _SEARCH_COLUMNS]
        joined = columns[0]
        for column in columns[1:]:
            joined = joined.op("||")(literal_column("chr(10)")).op("||")(column)
        return and_(_server_candidates(session, query), contains_any([joined], query))
    # SQLite's LIKE ignores ASCII case already; ILIKE would call lower() on every column
    columns = [getattr(CertificateRequestRow, c) for c in _SEARCH_COLUMNS]
    if not re.search(r"[A-Za-z]", query):
        # no letter whose case LIKE would ignore: instr() finds the same rows, and its plain
        # search scans the city's 300,000 requests in two thirds of LIKE's time
        exact = or_(*(func.instr(c, query) > 0 for c in columns))
    else:
        exact = contains_any(columns, query, ignore_case=False)
    short = _short_candidates(session, query)
    # 1-2 characters: the short index chooses the candidates, the test above decides
    return exact if short is None else and_(short, exact)


def _narrowed_on_server(session: Session, query: str) -> bool:
    """True when ``query`` was searched on PostgreSQL through an index that narrows it down
    (the persons' helper, or the owner's index of characters and pairs): a few thousand
    requests, not most of the register (``_server_candidates`` noted which)."""
    if not query:
        return False
    if connected_person(session) is not None:
        return bool(session.info.get(("jianfu_search_is_narrow", query)))
    return len(query) < FTS_MIN_CHARS and bool(
        session.info.get(("jianfu_owner_search_is_narrow", query))
    )


def looks_like_id_number(query: str) -> bool:
    """True when the search text is shaped like an ID number."""
    return bool(_ID_LIKE.match(query.strip()))


#: The register's order, newest first; id last so that every row has its own place (two
#: townships' requests may share a date and a number)
CertificateKey = tuple[dt.date, int, int, int]


def page(
    session: Session, f: CertificateFilter, offset: int, limit: int, *, id_number: str = ""
) -> Page[CertificateRequest]:
    """One page of the register, newest first."""
    return page_after(session, f, offset, limit, id_number=id_number)[0]


def page_after(
    session: Session,
    f: CertificateFilter,
    offset: int,
    limit: int,
    *,
    id_number: str = "",
    after: CertificateKey | None = None,
    with_county: bool = False,
) -> tuple[Page[CertificateRequest], CertificateKey | None]:
    """One page of the register, newest first, and the key of its last row; each line's
    township led by its county with ``with_county`` (北岭县/石门乡: a city's counties have
    townships of one name).

    Given ``after``, the key (request date, year, number, id) of the previous page's last row,
    the page starts right after it (keyset: the date index is walked from that day on, so a
    deep page costs what the first does); else it skips ``offset`` rows.
    """
    t = CertificateRequestRow
    stmt = _filtered(session, f, id_number)
    key = (t.request_date, t.year, t.seq, t.id)
    # plain rows, the village's and township's names joined: building ORM objects, loading
    # each village and copying each line to add its township cost more than the search itself
    paged = _with_names(stmt, with_county=with_county).order_by(*(k.desc() for k in key))
    if after is not None:
        # the date bound alone is what an index on request_date can walk from
        paged = paged.where(t.request_date <= after[0], tuple_(*key) < tuple_(*after))
    else:
        paged = paged.offset(offset)
    found: int | None = None
    query = f.query.strip()
    # a year's beginning finds the year's numbers too: no index narrows that down
    narrowed = _narrowed_on_server(session, query) and not _YEAR_START.match(query)
    if after is None and narrowed:
        # a search an index narrowed down on PostgreSQL: every request found is read and
        # sorted anyway (no index gives the register's order), so they are counted in that
        # same pass, on their keys alone (count(*) OVER ()), instead of by a second search;
        # the page's rows, and their villages, are read for its ids only
        keys = (
            stmt.with_only_columns(*key, func.count().over().label("found"))
            .order_by(*(k.desc() for k in key))
            .offset(offset)
            .limit(limit)
            .subquery()
        )
        rows: Sequence[Any] = session.execute(
            _with_names(select(t), keys.c.found, with_county=with_county)
            .join(keys, t.id == keys.c.id)
            .order_by(*(keys.c[k.key].desc() for k in key))
        ).all()
        found = rows[0][-1] if rows else None
    else:
        rows = session.execute(paged.limit(limit)).all()
    if found is not None:
        total = found
    elif len(rows) < limit and (rows or offset == 0):
        # the last page: the count is known without counting (a search that finds little
        # read the 300,000 requests of a city twice, once to count and once for the page)
        total = offset + len(rows)
    else:
        # counted on the ids only: a subquery of the whole row would name the ID number
        # column, which the levels above the township may not read
        counted = stmt.with_only_columns(t.id).subquery()
        total = session.execute(select(func.count()).select_from(counted)).scalar_one()
    lines = [_line(r) for r in rows]
    last = lines[-1] if lines else None
    return (
        Page(lines, total, offset),
        (last.request_date, last.year, last.seq, last.id) if last is not None else None,
    )


def between(session: Session, start: dt.date, end: dt.date) -> list[CertificateRequest]:
    """Every request of a period in register order (oldest first), for the printed register."""
    rows = session.execute(
        _filtered(session, CertificateFilter(start=start, end=end))
        .options(joinedload(CertificateRequestRow.village))
        .order_by(
            CertificateRequestRow.request_date,
            CertificateRequestRow.year,
            CertificateRequestRow.seq,
        )
    ).scalars()
    return [to_domain(r) for r in rows]


def count_between(session: Session, start: dt.date, end: dt.date) -> int:
    """How many requests the register of a period has."""
    t = CertificateRequestRow
    return session.execute(
        select(func.count()).where(t.request_date >= start, t.request_date <= end)
    ).scalar_one()


def iter_between(
    session: Session, start: dt.date, end: dt.date, *, page: int = 2000
) -> Iterator[CertificateRequest]:
    """Every request of a period in register order, fetched ``page`` rows at a time.

    Keyset paging on (date, year, seq, id): memory stays flat however long the period, and
    each page is a short query (no cursor held open on a shared server).
    """
    t = CertificateRequestRow
    key = (t.request_date, t.year, t.seq, t.id)
    after: tuple[dt.date, int, int, int] | None = None
    while True:
        stmt = (
            _filtered(session, CertificateFilter(start=start, end=end))
            .options(joinedload(CertificateRequestRow.village))
            .order_by(*key)
            .limit(page)
        )
        if after is not None:
            stmt = stmt.where(tuple_(*key) > tuple_(*after))
        rows = session.execute(stmt).scalars().all()
        for row in rows:
            yield to_domain(row)
        if len(rows) < page:
            return
        last = rows[-1]
        after = (last.request_date, last.year, last.seq, last.id)
        session.expunge_all()


def figures(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    top_agencies: int = 10,
    township_ids: Collection[int] | None = None,
    with_county: bool = False,
) -> CertificateFigures:
    """Counts per village over ``start``–``end`` (request dates, inclusive), and the agencies
    that asked most often for certificates on the may-not-issue list; only the requests and
    villages of ``township_ids`` when given (else every one the session may read); each
    village's township led by its county with ``with_county`` (北岭县/石门乡)."""
    t = CertificateRequestRow
    period: tuple[ColumnElement[bool], ...] = (t.request_date >= start, t.request_date <= end)
    village_filter: tuple[ColumnElement[bool], ...] = (units_repo.is_village(),)
    if township_ids is not None:
        towns = list(township_ids)
        period = (*period, t.township_id.in_(towns))
        village_filter = (*village_filter, UnitRow.parent_id.in_(towns))
    # counted per village from 0026's index alone (request_date, village_id, outcome, verdict)
    counts = session.execute(
        select(t.village_id, t.outcome, t.verdict, func.count())
        .where(*period)
        .group_by(t.village_id, t.outcome, t.verdict)
    ).all()
    per: dict[int | None, Counter[str]] = defaultdict(Counter)
    for village_id, outcome, verdict, n in counts:
        c = per[village_id]
        c["requests"] += n
        c[Outcome(outcome).name] += n
        c[Verdict(verdict).value] += n
    # by township, then each one's order (a county's villages under their townships; the
    # rows of several townships were in the order numbers alone, mixed)
    town, county = aliased(UnitRow), aliased(UnitRow)
    read = select(
        UnitRow.id,
        UnitRow.name,
        UnitRow.active,
        UnitRow.parent_id,
        town.name,
        county.name if with_county else literal(""),
    ).outerjoin(town, town.id == UnitRow.parent_id)
    if with_county:
        read = read.outerjoin(county, county.id == town.parent_id)
    villages = session.execute(
        read.where(*village_filter).order_by(
            town.sort_order, town.id, UnitRow.sort_order, UnitRow.id
        )
    ).all()
    out: list[VillageCertificateFigures] = []
    for village_id, name, active, township_id, township, up in villages:
        if active or village_id in per:
            c = per.get(village_id, Counter())
            township = township_label(township, up or "") if township else ""
            out.append(_village_figures(name, village_id, c, township, township_id))
    if None in per:  # requests without a village: after every township's villages
        out.append(_village_figures("（未填村(社区)）", None, per[None]))
    total: Counter[str] = Counter()
    for c in per.values():
        total.update(c)

    demand = session.execute(
        select(t.agency, t.item_name, func.count())
        .where(*period, t.verdict == Verdict.FORBIDDEN.value, t.agency != "")
        .group_by(t.agency, t.item_name)
    ).all()
    by_agency: dict[str, Counter[str]] = defaultdict(Counter)
    for agency, item_name, n in demand:
        by_agency[agency][item_name or "清单外"] += n
    ranking = sorted(by_agency.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    agencies = tuple(
        AgencyDemand(
            agency,
            sum(items.values()),
            tuple(sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for agency, items in ranking[:top_agencies]
    )
    return CertificateFigures(
        start, end, tuple(out), _village_figures("合计", None, total), agencies
    )


def _village_figures(
    name: str,
    village_id: int | None,
    c: Counter[str],
    township: str = "",
    township_id: int | None = None,
) -> VillageCertificateFigures:
    return VillageCertificateFigures(
        village=name,
        village_id=village_id,
        township=township,
        township_id=township_id,
        requests=c["requests"],
        issued=c[Outcome.ISSUED.name] + c[Outcome.CONSULTED.name],
        consulted=c[Outcome.CONSULTED.name],
        refused=c[Outcome.REFUSED.name],
        referred=c[Outcome.REFERRED.name],
        pending=c[Outcome.PENDING.name],
        allowed=c[Verdict.ALLOWED.value],
        forbidden=c[Verdict.FORBIDDEN.value],
        unlisted=c[Verdict.UNLISTED.value],
    )
