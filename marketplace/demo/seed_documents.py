"""The five seed documents, as the news site publishes them.

Numbers, dates and signers are as printed on each document. Where the source
leaves the day blank (000, 004) the date of the meeting it reports is used.
"""

import datetime
import html
import re
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).parent / "seeds"


@dataclass(frozen=True)
class SeedDocument:
    filename: str
    slug: str
    #: "article", or an announcement kind: "notice", "letter", "report".
    kind: str
    title: str
    date: datetime.date
    issuing_body: str = ""
    number: str = ""
    signer: str = ""
    author: str = ""
    summary: str = ""
    #: Leading paragraphs that repeat the header (number, place and date, title).
    skip_paragraphs: int = 0
    #: Paragraphs at the end that are not body text (signature, category line).
    drop_trailing: int = 0


SEED_DOCUMENTS = [
    SeedDocument(
        filename="000_06f83ebd91421dbf.txt",
        slug="ket-luan-pho-chu-tich-ubnd-tinh-lam-viec-voi-lien-minh-htx-2024",
        kind="notice",
        title=(
            "Kết luận của đồng chí Đoàn Thanh Sơn, Phó Chủ tịch UBND tỉnh tại buổi "
            "làm việc với Liên minh Hợp tác xã tỉnh"
        ),
        date=datetime.date(2024, 6, 12),
        issuing_body="UBND tỉnh Lạng Sơn",
        number="/TB-UBND",
        signer="Dương Văn Chiêu",
        summary=(
            "Kết luận sau buổi làm việc ngày 12/6/2024 về nhiệm vụ năm 2024 của Liên "
            "minh Hợp tác xã tỉnh, trong đó có việc đôn đốc thực hiện các biên bản "
            "thỏa thuận ký tại Hội nghị kết nối tiêu thụ sản phẩm."
        ),
        skip_paragraphs=4,
    ),
    SeedDocument(
        filename="001_edfa85c529d6c324.txt",
        slug="cong-van-538-nang-cao-hieu-qua-kinh-te-tap-the",
        kind="letter",
        title="V/v tiếp tục nâng cao hiệu quả hoạt động kinh tế tập thể",
        date=datetime.date(2019, 6, 11),
        issuing_body="UBND tỉnh Lạng Sơn",
        number="538/UBND-KTTH",
        signer="Hồ Tiến Thiệu",
        summary=(
            "Nhiệm vụ, giải pháp tiếp tục đổi mới, phát triển và nâng cao hiệu quả "
            "kinh tế tập thể trên địa bàn tỉnh."
        ),
        skip_paragraphs=3,
    ),
    SeedDocument(
        filename="002_4a57498031e2b10a.txt",
        slug="bao-cao-45-so-ket-6-thang-dau-nam-2023",
        kind="report",
        title=(
            "Sơ kết tình hình phát triển kinh tế tập thể, HTX và hoạt động của Liên "
            "minh HTX tỉnh 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm 2023"
        ),
        date=datetime.date(2023, 7, 7),
        issuing_body="Liên minh Hợp tác xã tỉnh Lạng Sơn",
        number="45/BC-LMHTX",
        signer="Liễu Xuân Du",
        summary="Các số liệu thống kê trong báo cáo đến hết ngày 30/6/2023.",
        skip_paragraphs=4,
    ),
    SeedDocument(
        filename="003_7af69d3010259147.txt",
        slug="hoi-nghi-ban-chap-hanh-lien-minh-htx-ben-tre-lan-thu-6",
        kind="article",
        title=(
            "Hội nghị Ban Chấp hành Liên minh Hợp tác xã tỉnh Bến Tre lần thứ 6, "
            "khóa VI, nhiệm kỳ 2020 - 2025"
        ),
        date=datetime.date(2023, 8, 15),
        author="Thanh Bình",
        summary=(
            "Ban Chấp hành Liên minh HTX tỉnh Bến Tre sơ kết 6 tháng đầu năm và thông "
            "qua nghị quyết về nhiệm vụ 6 tháng cuối năm 2023, trong đó có hỗ trợ "
            "20 HTX xây dựng sản phẩm OCOP."
        ),
        skip_paragraphs=3,
        drop_trailing=2,
    ),
    SeedDocument(
        filename="004_3a01f003ad61b187.txt",
        slug="ket-luan-ban-chi-dao-phat-trien-kinh-te-tap-the-2016",
        kind="notice",
        title=(
            "Kết luận của đồng chí Phó Chủ tịch UBND tỉnh Lê Minh Ngân tại cuộc họp "
            "tổng kết hoạt động của Ban Chỉ đạo Phát triển Kinh tế tập thể tỉnh năm "
            "2016 và triển khai nhiệm vụ năm 2017"
        ),
        date=datetime.date(2016, 12, 21),
        issuing_body="Văn phòng UBND tỉnh",
        summary=(
            "Kết luận tổng kết hoạt động năm 2016 của Ban Chỉ đạo Phát triển Kinh tế "
            "tập thể tỉnh và nhiệm vụ giao các sở, ngành cho năm 2017."
        ),
        skip_paragraphs=1,
    ),
]

_RECIPIENTS = re.compile(r"^\s*Nơi nhận\s*:", re.MULTILINE)


def _inline(text: str) -> str:
    """Escape ``text`` and turn its **bold** and *italic* marks into HTML."""
    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text, flags=re.DOTALL)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text, flags=re.DOTALL)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def seed_parts(seed: SeedDocument) -> tuple[list[str], list[str]]:
    """Return the document's body paragraphs (as HTML) and its recipients."""
    text = (SEEDS_DIR / seed.filename).read_text(encoding="utf-8")
    match = _RECIPIENTS.search(text)
    body_text, tail = (
        (text[: match.start()], text[match.end() :])
        if match
        else (
            text,
            "",
        )
    )
    paragraphs = _paragraphs(body_text)[seed.skip_paragraphs :]
    if seed.drop_trailing:
        paragraphs = paragraphs[: -seed.drop_trailing]
    recipients = [
        " ".join(line.strip(" -;,\t").split())
        for line in tail.splitlines()
        if line.strip().startswith("-")
    ]
    return [f"<p>{_inline(p)}</p>" for p in paragraphs], recipients
