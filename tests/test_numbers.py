"""Table-driven checks of count normalisation: mentions alone, implied counts, whole sentences."""

import pytest

from zaam.inference.numbers import implied_count, parse_count
from zaam.training.authoring import parse_source
from zaam.training.metrics import gold_as_prediction

# mention -> (value, min, max, qualifier)
COUNTS = [
    ("12", (12, 12, 12, "exact")), ("١٢", (12, 12, 12, "exact")), ("۱۲", (12, 12, 12, "exact")),
    ("٣٥٠", (350, 350, 350, "exact")), ("1,200", (1200, 1200, 1200, "exact")), ("١٬٢٠٠", (1200, 1200, 1200, "exact")),
    ("15 000", (15000, 15000, 15000, "exact")), ("واحد", (1, 1, 1, "exact")), ("اثنين", (2, 2, 2, "exact")),
    ("ثلاثة", (3, 3, 3, "exact")), ("ثلاث", (3, 3, 3, "exact")), ("خمسة", (5, 5, 5, "exact")),
    ("ثماني", (8, 8, 8, "exact")), ("عشرة", (10, 10, 10, "exact")), ("إحدى عشرة", (11, 11, 11, "exact")),
    ("اثني عشر", (12, 12, 12, "exact")), ("ستة عشر", (16, 16, 16, "exact")), ("عشرين", (20, 20, 20, "exact")),
    ("عشرون", (20, 20, 20, "exact")), ("خمسة وعشرين", (25, 25, 25, "exact")), ("تسعة وتسعون", (99, 99, 99, "exact")),
    ("مئة", (100, 100, 100, "exact")), ("مائة", (100, 100, 100, "exact")), ("مئتين", (200, 200, 200, "exact")),
    ("مائتين", (200, 200, 200, "exact")), ("مئتا", (200, 200, 200, "exact")), ("ثلاثمئة", (300, 300, 300, "exact")),
    ("ثلاث مئة", (300, 300, 300, "exact")), ("خمسمائة", (500, 500, 500, "exact")), ("مئة وخمسون", (150, 150, 150, "exact")),
    ("ألف", (1000, 1000, 1000, "exact")), ("ألفين", (2000, 2000, 2000, "exact")), ("أربعة آلاف", (4000, 4000, 4000, "exact")),
    ("3 آلاف", (3000, 3000, 3000, "exact")), ("ثلاثة آلاف وخمسمئة", (3500, 3500, 3500, "exact")),
    ("خمسة وعشرين ألفا", (25000, 25000, 25000, "exact")), ("مليون", (1000000, 1000000, 1000000, "exact")),
    ("1.5 مليون", (1500000, 1500000, 1500000, "exact")), ("مليون ومئتا ألف", (1200000, 1200000, 1200000, "exact")),
    ("الخمسة", (5, 5, 5, "exact")), ("ثلاثةَ", (3, 3, 3, "exact")),
    ("نحو 50", (50, None, None, "about")), ("حوالي ٧٠", (70, None, None, "about")), ("قرابة 200", (200, None, None, "about")),
    ("زهاء ألف", (1000, None, None, "about")), ("ما يقارب 40", (40, None, None, "about")),
    ("أكثر من 30", (30, 31, None, "more_than")), ("ما يزيد على 100", (100, 101, None, "more_than")),
    ("ما لا يقل عن 12", (12, 12, None, "at_least")), ("12 على الأقل", (12, 12, None, "at_least")),
    ("أقل من 10", (10, None, 9, "less_than")), ("أكثر من عشرين", (20, 21, None, "more_than")),
    ("300-400", (None, 300, 400, "range")), ("300 - 400", (None, 300, 400, "range")), ("بين 20 و30", (None, 20, 30, "range")),
    ("ما بين 5 و7", (None, 5, 7, "range")), ("من 15 إلى 20", (None, 15, 20, "range")), ("ثلاثة أو أربعة", (None, 3, 4, "range")),
    ("عشرات", (None, 20, 99, "vague")), ("العشرات", (None, 20, 99, "vague")), ("مئات", (None, 200, 999, "vague")),
    ("آلاف", (None, 2000, 9999, "vague")), ("عشرات الآلاف", (None, 20000, 99999, "vague")), ("بضعة", (None, 3, 9, "vague")),
]


@pytest.mark.parametrize("mention, expected", COUNTS)
def test_count_mentions_normalise(mention, expected):
    parsed = parse_count(mention)
    assert parsed is not None, mention
    assert (parsed.value, parsed.min, parsed.max, parsed.qualifier) == expected


@pytest.mark.parametrize("mention", ["", "كثير", "12 مارس مارس", "abc"])
def test_unreadable_counts_give_none(mention):
    assert parse_count(mention) is None


IMPLIED = [
    ("دبابتين", 2), ("مسيرتين", 2), ("مروحيتين", 2), ("طائرتين حربيتين", 2), ("صاروخين", 2), ("زورقين", 2),
    ("جنديين", 2), ("مروحية", 1), ("طائرة مسيرة", 1), ("مستودع للذخيرة", 1), ("صاروخ", 1), ("دبابة روسية", 1),
    ("الدبابة", None), ("دبابات", None), ("صواريخ", None), ("أسلحة", None), ("مسلحين", None), ("عسكريين", None),
    ("ذخيرة", None), ("HIMARS", None),
]


@pytest.mark.parametrize("item, expected", IMPLIED)
def test_dual_and_singular_items_imply_counts(item, expected):
    assert implied_count(item) == expected


# Whole sentences in the authoring markup -> the count of each claim, in text order.
SENTENCES = [
    ("دمرت القوات [12|C1] [دبابة|W1] قرب [إزيوم|L1].\n+ C1>W1 W1>L1", [(12, "exact", False)]),
    ("أسقطت الدفاعات [مروحيتين|W1] فوق [خاركيف|L1].\n+ W1>L1", [(2, "exact", True)]),
    ("قتل [نحو 40|C1] [جنديا|U1] و[دبابتين|W1] في [باخموت|L1].\n+ C1>U1 U1,W1>L1", [(40, "about", False), (2, "exact", True)]),
    ("أعلن [نيكيتين|P1] تدمير [٣٥٠|C1] [مسيرة|W1].\n+ C1>W1 W1>P1", [(350, "exact", False)]),
    ("قصفت الطائرات [مستودعا للذخيرة|W1] في [حماة|L1].\n+ W1>L1", [(1, "exact", True)]),
    ("سقط [مئات|C1] [المسلحين|U1] في [الفاشر|L1].\n+ C1>U1 U1>L1", [(None, "vague", False)]),
    ("أصيب [بين 20 و30|C1] [مدنيا|U1] في [غزة|L1].\n+ C1>U1 U1>L1", [(None, "range", False)]),
    ("دمر الجيش [ثلاثمئة|C1] [آلية|W1] و[مروحية|W2] قرب [دونيتسك|L1].\n+ C1>W1 W1,W2>L1", [(300, "exact", False), (1, "exact", True)]),
    ("قال [يحيى سريع|P1] إن [أكثر من 100|C1] [صاروخ|W1] أطلقت.\n+ C1>W1 W1>P1", [(100, "more_than", False)]),
    ("قتل [ما لا يقل عن 12|C1] [عنصرا|U1] في [كيدال|L1].\n+ C1>U1 U1>L1", [(12, "at_least", False)]),
    ("أسقط الجيش [طائرة مسيرة|W1] من طراز [TB2|W2] قرب [غريان|L1].\n+ W1,W2>L1", [(1, "exact", True), (None, None, False)]),
    ("دمرت في 12 مارس [خمس|C1] [عربات|W1] تابعة للواء 93 في [كوبيانسك|L1].\n+ C1>W1 W1>L1", [(5, "exact", False)]),
    ("أسر المقاتلون [ستة عشر|C1] [جنديا|U1] قرب [خيرسون|L1].\n+ C1>U1 U1>L1", [(16, "exact", False)]),
    ("أطلقت [300-400|C1] [قذيفة|W1] على [سومي|L1].\n+ C1>W1 W1>L1", [(None, "range", False)]),
    ("دمر [مئتين|C1] [منزل|U1] في [رفح|L1].\n+ C1>U1 U1>L1", [(200, "exact", False)]),
    ("اعترضت الدفاعات [عشرات|C1] [الصواريخ|W1] فوق [حيفا|L1].\n+ C1>W1 W1>L1", [(None, "vague", False)]),
    ("استهدفت الغارات [زورقين|W1] في [الحديدة|L1].\n+ W1>L1", [(2, "exact", True)]),
    ("قتل [خمسة وعشرين|C1] [مسلحا|U1] في [بورنو|L1].\n+ C1>U1 U1>L1", [(25, "exact", False)]),
    ("فقد الجيش [قرابة ١٠٠٠|C1] [جندي|U1] في [كورسك|L1].\n+ C1>U1 U1>L1", [(1000, "about", False)]),
    ("دمرت [أربعة آلاف|C1] [قذيفة|W1] في [مستودع|W2] ب[بيلغورود|L1].\n+ C1>W1 W1,W2>L1", [(4000, "exact", False), (1, "exact", True)]),
]


@pytest.mark.parametrize("markup, expected", SENTENCES)
def test_claim_counts_in_whole_sentences(tmp_path, markup, expected):
    path = tmp_path / "s.txt"
    path.write_text(f"=== s-1\n{markup}\n", encoding="utf-8")
    docs, problems = parse_source(path)
    assert not problems, problems
    claims = gold_as_prediction(docs[0]).claims
    got = [(c.count.value if c.count else None, c.count.qualifier if c.count else None, c.count.implied if c.count else False)
           for c in claims]
    assert got == expected
