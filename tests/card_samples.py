# ruff: noqa: E501
"""Reports and digests for the card tests, written for them in agency style."""

from __future__ import annotations

from summarizer.model import Digest, Figure

MONEY_REPORT = """لایحه بودجه سال آینده به مجلس رسید
به گزارش خبرنگار اقتصادی ما، رئیس سازمان برنامه و بودجه گفت سقف بودجه عمومی دولت ۴ هزار و ۲۰۰ هزار میلیارد تومان است.
به گفته وی درآمد نفتی دولت ۶۵۰ هزار میلیارد تومان پیش‌بینی شده و سهم عمرانی ۱۸ درصد است.
وی افزود: برای طرح‌های نیمه‌تمام بیش از ۱۲ هزار و ۵۰۰ میلیارد ریال اعتبار در نظر گرفته شده است.
همچنین ۲.۵ میلیارد دلار برای واردات دارو و تجهیزات پزشکی اختصاص یافته است.
یارانه نقدی ماهانه هر نفر ۴۰۰ هزار تومان خواهد بود."""

SPORTS_REPORT = """صعود تیم ملی فوتبال با سه گل
تیم ملی فوتبال کشورمان شب گذشته در ورزشگاه آزادی با ۳ گل از سد حریف گذشت.
به گزارش خبرنگار ورزشی ما، ۷۸ هزار تماشاگر این دیدار را از نزدیک تماشا کردند.
تیم ملی با این پیروزی ۱۶ امتیازی شد و ۲ امتیاز با صدر جدول فاصله دارد.
مهاجم تیم ملی با ۹ گل زده بهترین گلزن مرحله مقدماتی است.
درآمد بلیت‌فروشی این بازی حدود ۳۵ میلیارد تومان اعلام شد."""

RANGE_REPORT = """کاهش صادرات غیرنفتی در شش ماه نخست
به گزارش خبرنگار ما، صادرات غیرنفتی کشور در شش ماه نخست امسال ۱۲ درصد کاهش یافت.
رئیس سازمان توسعه تجارت گفت ارزش صادرات سالانه بین ۱۰ تا ۱۵ میلیارد دلار برآورد می‌شود.
وی افزود تعداد صادرکنندگان فعال به ۲۲ هزار و ۴۰۰ شرکت رسیده است.
به گفته وی سهم محصولات پتروشیمی از صادرات حدود ۳۵ درصد است."""

NO_FIGURES_REPORT = """جلسه شورای شهر امروز برگزار شد.
اعضای شورا درباره وضعیت پارک‌های شهر گفت‌وگو کردند و قرار شد گزارش کاملی در جلسه بعد ارائه شود."""


def _fig(text: str, value: float | None, kind: str, **kw: object) -> Figure:
    return Figure(text=text, value=value, kind=kind, sentence=0, span=(0, len(text)), **kw)  # type: ignore[arg-type]


def edge_digest() -> Digest:
    """A digest built by hand with the awkward cases: a negative figure, a range, a
    Latin run with brackets in a subject, mixed digits, a very long subject, an
    increase and a decrease."""
    figures = [
        _fig("منفی ۵ درصد", -5.0, "percent", unit="درصد", subject="رشد اقتصادی", change="decrease"),
        _fig(
            "۱۰ تا ۱۵ میلیارد دلار",
            None,
            "money",
            range=(10e9, 15e9),
            unit="دلار",
            subject="صادرات سالانه",
            qualifier="about",
        ),
        _fig(
            "2.5 میلیون",
            2.5e6,
            "count",
            subject="قیمت نفت (USD) در بازار جهانی 2024",
            change="increase",
            period="روزانه",
        ),
        _fig(
            "۱٬۲۳۵",
            1235.0,
            "count",
            unit="نفر",
            subject=(
                "شمار کارکنان واحدهای تولیدی و خدماتی که در طرح ملی آموزش مهارت‌های "
                "فنی و حرفه‌ای شرکت کرده‌اند و گواهی پایان دوره گرفته‌اند"
            ),
            qualifier="more_than",
            period="شش ماهه نخست امسال",
        ),
    ]
    return Digest(
        title=None,
        bullets=["بند یک"],
        figures=figures,
        sentences=["جمله"],
        summary=[0],
        bullet_figures=[[0]],
    )


LONG_TITLE = (
    "گزارش تفصیلی سازمان برنامه و بودجه درباره عملکرد اعتبارات عمرانی استان‌ها در "
    "نیمه نخست سال و برنامه دولت برای تکمیل طرح‌های نیمه‌تمام آب و برق و راه روستایی "
    "تا پایان سال آینده"
)
LATIN_TITLE = "Oil exports (OPEC) rose 2.5% in Q3 2024"
