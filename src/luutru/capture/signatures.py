"""Digital signatures of incoming PDFs (PAdES), checked offline with pyHanko.

Party and State bodies sign e-documents (337-QĐ/TW, NĐ 30/2020 Art. 8). For each
signature this says who signed, which authority issued the certificate, when the
signer's software says it signed, whether the signed bytes are unchanged and
cover the file, and whether the certificate leads to a CA root the
administrator loaded (``TrustedRoot``). Nothing is fetched from the network:
no OCSP, no CRL, no missing intermediate certificates; the verdict says so.

Pure: bytes and root certificates in, findings out; ``pipeline`` stores them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


class Verdict:
    VALID = "valid"
    BROKEN = "broken"  # the signed bytes changed, or the signature value is wrong
    UNTRUSTED = "untrusted"  # intact, but not to a loaded root (or expired, revoked)
    ERROR = "error"  # a signature is there but cannot be read
    UNSIGNED = "unsigned"


VERDICT_LABELS = {
    Verdict.VALID: "Chữ ký số hợp lệ",
    Verdict.BROKEN: "Chữ ký số không còn nguyên vẹn",
    Verdict.UNTRUSTED: "Chữ ký số chưa được tin cậy",
    Verdict.ERROR: "Không đọc được chữ ký số",
    Verdict.UNSIGNED: "Không có chữ ký số",
}
# Worst first: the document's verdict is its worst signature's.
SEVERITY = [Verdict.BROKEN, Verdict.ERROR, Verdict.UNTRUSTED, Verdict.VALID, Verdict.UNSIGNED]
# Not what was signed, or not readable: such a signature is no signature (dispatch
# refuses to issue with one).
NEEDS_REVIEW = (Verdict.BROKEN, Verdict.ERROR)
# These send a captured document to review: also an intact signature that leads to
# no loaded CA root, since nobody has yet confirmed who signed it.
CAPTURE_REVIEW = (*NEEDS_REVIEW, Verdict.UNTRUSTED)

OFFLINE_NOTE = (
    "Kiểm tra ngoại tuyến: không tra cứu tình trạng thu hồi chứng thư (OCSP/CRL) qua mạng."
)

# A signed PDF carries a signature dictionary with a byte range; an unsigned one
# is passed over without parsing (capture must stay fast on ordinary files).
_MARKER = b"/ByteRange"


@dataclass
class Finding:
    """One signature of a PDF, as checked."""

    verdict: str
    field_name: str = ""
    signer: str = ""
    signer_subject: str = ""
    issuer: str = ""
    serial: str = ""
    cert_sha256: str = ""
    signing_time: dt.datetime | None = None
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    whole_file: bool = False
    coverage: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    def summary(self) -> str:
        who = f" của {self.signer}" if self.signer else ""
        return f"{self.label}{who}: " + " ".join(self.reasons)


def looks_signed(data: bytes) -> bool:
    return _MARKER in data


def worst(verdicts) -> str:
    verdicts = list(verdicts)
    for v in SEVERITY:
        if v in verdicts:
            return v
    return Verdict.UNSIGNED


def root_facts(data: bytes) -> dict:
    """Name, issuer, fingerprint and validity of one CA certificate (PEM or DER);
    ValueError if it is not a CA certificate."""
    from asn1crypto import pem, x509  # lazy: heavy library

    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    try:
        cert = x509.Certificate.load(data)
        subject = cert.subject.human_friendly
        not_after = cert["tbs_certificate"]["validity"]["not_after"].native
    except Exception as exc:
        raise ValueError("Tệp không phải chứng thư số X.509 (PEM hoặc DER).") from exc
    if not cert.ca:
        raise ValueError(
            f"Chứng thư “{subject}” không phải chứng thư của tổ chức cấp chứng thư (CA)."
        )
    return {
        "der": cert.dump(),
        "subject": subject,
        "name": _common_name(cert.subject) or subject,
        "sha256": hashlib.sha256(cert.dump()).hexdigest(),
        "not_after": not_after,
    }


def verify_pdf(data: bytes, roots: list[bytes]) -> list[Finding]:
    """Every filled signature of the PDF ``data``, checked against the DER ``roots``.

    Empty when the PDF has no signature."""
    if not looks_signed(data):
        return []
    from pyhanko.pdf_utils.reader import PdfFileReader  # lazy: heavy library

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        log.info("signature scan failed: %s", exc)
        return [
            Finding(
                Verdict.ERROR,
                reasons=[
                    "Tệp có dấu hiệu chữ ký số nhưng không đọc được cấu trúc chữ ký "
                    f"({exc.__class__.__name__})."
                ],
            )
        ]
    from asn1crypto import x509  # lazy: heavy library

    anchors = [x509.Certificate.load(der) for der in roots]
    return [_check(sig, anchors) for sig in embedded]


def _check(sig, roots: list) -> Finding:
    from pyhanko.sign.validation import validate_pdf_signature  # lazy: heavy library
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    finding = Finding(Verdict.ERROR, field_name=str(sig.field_name or ""))
    try:
        cert = sig.signer_cert
        finding.signer = _common_name(cert.subject) or cert.subject.human_friendly
        finding.signer_subject = cert.subject.human_friendly
        finding.issuer = _common_name(cert.issuer) or cert.issuer.human_friendly
        finding.serial = format(cert.serial_number, "X")
        finding.cert_sha256 = hashlib.sha256(cert.dump()).hexdigest()
        finding.signing_time = sig.self_reported_timestamp
    except Exception as exc:
        finding.reasons.append(f"Không đọc được chứng thư của người ký ({exc.__class__.__name__}).")
        return finding
    context = ValidationContext(
        trust_roots=list(roots),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        status = validate_pdf_signature(
            sig,
            signer_validation_context=context,
            key_usage_settings=KeyUsageConstraints(
                key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
            ),
        )
    except Exception as exc:
        log.info("signature %s not checkable: %s", finding.field_name, exc)
        finding.reasons.append(f"Không kiểm tra được chữ ký ({exc.__class__.__name__}).")
        return finding

    finding.intact, finding.valid = bool(status.intact), bool(status.valid)
    finding.trusted = bool(status.trusted)
    coverage = status.coverage.name if status.coverage is not None else ""
    finding.coverage = coverage
    finding.whole_file = coverage == "ENTIRE_FILE"
    level = status.modification_level
    # A later revision may add signatures, form fields or timestamps (a second
    # signer, the office's seal); anything else, or what the signer's DocMDP
    # setting forbids, changes what was signed.
    changed_after = not finding.whole_file and (
        status.docmdp_ok is False or (level is not None and level.name == "OTHER")
    )

    if not finding.intact:
        finding.verdict = Verdict.BROKEN
        finding.reasons.append(
            "Nội dung tệp đã bị thay đổi sau khi ký: phần được ký không còn khớp với chữ ký."
        )
    elif not finding.valid:
        finding.verdict = Verdict.BROKEN
        finding.reasons.append("Giá trị chữ ký không khớp với chứng thư của người ký.")
    elif changed_after:
        finding.verdict = Verdict.BROKEN
        finding.reasons.append(
            "Tệp có phần được thêm hoặc sửa sau khi ký, vượt quá những gì chữ ký cho phép."
        )
    elif not finding.trusted:
        finding.verdict = Verdict.UNTRUSTED
        finding.reasons.append(_trust_reason(status, bool(roots)))
    else:
        finding.verdict = Verdict.VALID
        finding.reasons.append(
            "Nội dung còn nguyên vẹn và chứng thư dẫn tới một CA gốc được quản trị viên nạp."
        )
    if finding.intact and not finding.whole_file and not changed_after:
        finding.reasons.append(
            "Chữ ký không bao trùm toàn tệp: sau khi ký, tệp chỉ được thêm chữ ký, "
            "dấu thời gian hoặc ô ký, không đổi nội dung."
        )
    finding.reasons.append(OFFLINE_NOTE)
    return finding


def _trust_reason(status, have_roots: bool) -> str:
    indic = getattr(status.trust_problem_indic, "name", "") or ""
    if "REVOKED" in indic:
        return "Chứng thư của người ký đã bị thu hồi."
    if indic in ("EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"):
        return "Chứng thư của người ký đã hết hạn hoặc chưa đến hạn dùng."
    if indic == "NOT_YET_VALID":
        return "Chứng thư của người ký chưa đến hạn dùng."
    if not have_roots:
        return "Chưa có CA gốc tin cậy nào được nạp, nên chưa xác nhận được người ký."
    if indic in ("NO_CERTIFICATE_CHAIN_FOUND", "CERTIFICATE_CHAIN_GENERAL_FAILURE", ""):
        return "Chứng thư của người ký không dẫn tới CA gốc tin cậy nào đã nạp."
    if indic in ("CHAIN_CONSTRAINTS_FAILURE", "SIG_CONSTRAINTS_FAILURE"):
        return "Chứng thư của người ký không được cấp cho mục đích ký số văn bản."
    return f"Chứng thư của người ký chưa được xác nhận ({indic})."


def _common_name(name) -> str:
    try:
        return str(name.native.get("common_name", "") or "")
    except Exception:
        return ""
