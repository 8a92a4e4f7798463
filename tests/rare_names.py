"""Helpers of the tests of names with rare characters (谢𠮷, U+20BB7, CJK Extension B), shared
by the search of the register (tests/db) and the screens that show such names (tests/ui)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from jianfu.domain.certificates import CertificateInput
from jianfu.services.certificates import CertificatesService

#: 𠮷, CJK Extension B (谢𠮷)
JI = "\U00020bb7"
#: CJK Extension H (Unicode 15, 2022): no font of Debian 12 has it, so it stands for a
#: character the machine's fonts lack
NO_FONT = "\U00031350"


def register_applicants(ctx, names: Iterable[str]) -> CertificatesService:
    """The certificates service of ``ctx`` with one 居住证明 request registered for each name,
    as typed, in the first village on 2026-03-02."""
    service = CertificatesService(ctx)
    village = service.villages()[0].id
    for name in names:
        service.register(
            CertificateInput(
                request_date=dt.date(2026, 3, 2),
                applicant_name=name,
                subject="居住证明",
                village_id=village,
                purpose="办理贷款",
            )
        )
    return service
