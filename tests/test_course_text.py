"""The course's text as a careful lecturer would sign it: no references to the authors' sources, Korean
held to the glossary, right answers not given away by their length or position, no question asked
twice, hints that render and do not spell out the answer."""

import re
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from tutor.content import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course()
GLOSSARY = tomllib.loads((ROOT / "lessons" / "glossary.toml").read_text(encoding="utf-8"))["terms"]
CHOICE_QUESTIONS = [q for q in COURSE.questions() if q.choices]


def _texts(lang: str):
    """Every learner-facing piece of course data in one language, with where it comes from: lessons,
    questions, exercise titles, checks, hints and tasks, the glossary. (Stubs and the grading variants'
    diagnoses are code, checked by their rooms.)"""
    for concept in COURSE.concepts:
        yield f"{concept.id} lesson.{lang}.md", concept.lesson.get(lang)
        yield f"{concept.id} title", concept.title.get(lang)
    for q in COURSE.questions():
        for name, text in (("prompt", q.prompt), ("explanation", q.explanation)):
            if text:
                yield f"{q.id} {name}", text.get(lang)
        for i, choice in enumerate(q.choices):
            yield f"{q.id} choice {i}", choice.text.get(lang)
            if choice.why:
                yield f"{q.id} choice {i} why", choice.why.get(lang)
    for exercise in COURSE.exercises.values():
        yield f"{exercise.id} title", exercise.title.get(lang)
        for i, check in enumerate(exercise.checks, 1):
            yield f"{exercise.id} check {i}", check.get(lang)
        for i, hint in enumerate(exercise.hints, 1):
            yield f"{exercise.id} hint {i}", hint.get(lang)
        if exercise.task is not None:
            yield f"{exercise.id} task.{lang}.md", exercise.task.get(lang)
    yield from _product_words(lang)
    for term in GLOSSARY:
        yield f"glossary {term['en']}", term[lang]
        if "note" in term:
            yield f"glossary {term['en']} note", term["note"][lang]


def _product_words(lang: str):
    """The product's own words (not course files): group titles, the app's and the CLI's words tables,
    the grading variants' diagnoses. They are held to the glossary like the course."""
    import ast

    from tutor.commands import WORDS
    from tutor.content import GROUPS
    from tutor.widgets.i18n import STRINGS

    index = 0 if lang == "en" else 1
    for key, group in GROUPS.items():
        yield f"group {key}", group[lang]
    for key, pair in STRINGS.items():
        yield f"i18n {key}", pair[index]
    for key, pair in WORDS.items():
        yield f"cli {key}", pair[index]
    for path in sorted((ROOT / "tutor" / "grading" / "variants").glob("*/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "VARIANT" for t in node.targets):
                variant = ast.literal_eval(node.value)
                yield f"variant {path.parent.name}/{path.stem}", variant.get(lang, "")


def _prose(text: str) -> str:
    """Text without fenced code blocks and `code spans` (code may use ';' and any names)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", " ", text)


# --- The learner never meets the authors' source ------------------------------------------------

# The learner reads the book; the course's numbering comes from a study note they never see. The
# only note the course may mention is the He typo "that circulates in study notes" (공부 노트).
SOURCE_WORDS = {
    "en": re.compile(r"\b(source|seed|original) notes?\b|\bthe notes?\b|\bnote's\b|\bnotes? says?\b|(?<!study )\bnotes?\b(?! *=)", re.I),
    "ko": re.compile(r"원문|원래 노트|(?<!공부 )노트"),
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_reference_to_the_authors_source(lang):
    found = [(where, m.group(0)) for where, text in _texts(lang) for m in SOURCE_WORDS[lang].finditer(text)]
    assert not found, found


def test_the_source_check_catches_what_it_should():
    for bad in ("Beyond the source note.", "The note writes ε", "According to the note", "the seed note's 1/(2√n)"):
        assert SOURCE_WORDS["en"].search(bad), bad
    for good in ("a typo that circulates in study notes", "Notebook", "denote"):
        assert not SOURCE_WORDS["en"].search(good), good
    for bad in ("원문 노트 보충", "노트에 따르면", "원래 노트에서"):
        assert SOURCE_WORDS["ko"].search(bad), bad
    assert not SOURCE_WORDS["ko"].search("공부 노트에 떠도는 오타")


# --- Korean held to the glossary ------------------------------------------------------------------


def test_every_avoided_variant_names_a_glossary_term_and_is_not_the_term_itself():
    avoided = [t for t in GLOSSARY if "avoid" in t]
    assert len(avoided) >= 6
    for term in avoided:
        for pattern in term["avoid"]:
            assert not re.search(pattern, term["ko"]), (term["en"], pattern)


@pytest.mark.parametrize("term", [t for t in GLOSSARY if "avoid" in t], ids=lambda t: t["en"])
def test_korean_text_uses_the_glossary_term(term):
    """Each glossary term lists the variants Korean text must not use instead (regular expressions)."""
    found = []
    for where, text in _texts("ko"):
        if where.startswith(f"glossary {term['en']}"):
            continue  # a term's own note may name the variant it replaces
        for pattern in term["avoid"]:
            found += [(where, m.group(0)) for m in re.finditer(pattern, _prose(text))]
    assert not found, f"use {term['ko']!r}: {found}"


def test_korean_prose_has_no_semicolons():
    found = [where for where, text in _texts("ko") if ";" in _prose(text)]
    assert not found, found


# --- Right answers are not given away --------------------------------------------------------------


def _uniquely_longest(q, lang: str) -> bool:
    widths = [sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in c.text.get(lang)) for c in q.choices]
    key = widths[q.answer]
    return all(key > w for i, w in enumerate(widths) if i != q.answer)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_right_option_is_rarely_the_uniquely_longest(lang):
    """Chance is about 30 % with three or four options; 49 % taught learners to pick the longest."""
    longest = [q.id for q in CHOICE_QUESTIONS if _uniquely_longest(q, lang)]
    share = len(longest) / len(CHOICE_QUESTIONS)
    assert share <= 0.30, f"{share:.0%} ({len(longest)} of {len(CHOICE_QUESTIONS)}): {longest}"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_right_option_is_rarely_the_uniquely_shortest(lang):
    """Trimming keys must not swap one tell for another."""
    def width(text):
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    shortest = [
        q.id for q in CHOICE_QUESTIONS
        if all(width(q.choices[q.answer].text.get(lang)) < width(c.text.get(lang)) for i, c in enumerate(q.choices) if i != q.answer)
    ]
    assert len(shortest) / len(CHOICE_QUESTIONS) <= 0.30, shortest


def test_the_right_option_is_spread_over_the_positions():
    counts = Counter(q.answer for q in CHOICE_QUESTIONS)
    for position in range(4):
        expected = sum(1 / len(q.choices) for q in CHOICE_QUESTIONS if position < len(q.choices))
        assert counts[position] <= 1.5 * expected + 2, (position, counts[position], expected)


def _normalised(text: str) -> str:
    """Lower case, without spaces, multiplication signs, brackets or what they enclose."""
    text = re.sub(r"\([^()]*\)", "", text.lower())
    return re.sub(r"[\s·*()]+", "", text)


def duplicates(questions) -> list[tuple[str, str, str]]:
    """Pairs of questions that ask the same thing: (id, id, why)."""
    import difflib

    found = []
    for i, a in enumerate(questions):
        for b in questions[i + 1:]:
            if a.prompt and b.prompt:
                ratio = difflib.SequenceMatcher(None, a.prompt.en.lower(), b.prompt.en.lower()).ratio()
                if ratio >= 0.95:
                    found.append((a.id, b.id, f"prompts {ratio:.0%} alike"))
            if a.type == b.type == "symbolic" and re.sub(r"[\s*]", "", a.answer) == re.sub(r"[\s*]", "", b.answer):
                found.append((a.id, b.id, "same symbolic answer"))
            if a.choices and b.choices:
                key_a, key_b = (_normalised(q.choices[q.answer].text.en) for q in (a, b))
                if key_a == key_b and len(key_a) > 6:
                    found.append((a.id, b.id, "same right answer"))
                # Options that are more than a number: two shared ones make the same item.
                options_a = {o for o in (_normalised(c.text.en) for c in a.choices) if len(o) > 12}
                options_b = {o for o in (_normalised(c.text.en) for c in b.choices) if len(o) > 12}
                if len(options_a & options_b) >= 2:
                    found.append((a.id, b.id, "two or more options in common"))
    return found


def test_the_duplicate_check_catches_the_duplicates_the_review_found():
    from tutor.content import Choice, Question
    from tutor.text import Text

    def choice(q_id, key, options):
        return Question(id=q_id, concept=q_id[:4], type="choice", prompt=Text(en=q_id, ko=q_id), answer=0,
                        choices=tuple(Choice(text=Text(en=o, ko=o), why=None) for o in [key, *options]))

    slope_a = Question(id="0105-02", concept="0105", type="symbolic", prompt=Text(en="a", ko="a"), answer="y*(1 - y)")
    slope_b = Question(id="0106-03", concept="0106", type="symbolic", prompt=Text(en="b", ko="b"), answer="y*(1-y)")
    power_a = choice("0105-04", "About 0.001 (0.25⁵)", ["1.25 (5 · 0.25)", "0.25, since the slope is at most 0.25"])
    power_b = choice("0106-04", "About 0.001", ["1.25", "0.25"])
    found = {(a, b) for a, b, _ in duplicates([slope_a, slope_b, power_a, power_b])}
    assert found == {("0105-02", "0106-03"), ("0105-04", "0106-04")}


def test_no_two_questions_ask_the_same_thing():
    """Review serves each question on its own schedule: a duplicate comes back as a repeat."""
    assert duplicates(list(COURSE.questions())) == []


# --- Hints ------------------------------------------------------------------------------------------

# The exercise screen renders hints as Markdown: outside `code`, a '*' or '_' pair turns into
# emphasis, '<' can start HTML and a backslash escapes; formulas belong in backticks or in Unicode.
RAW_MARKDOWN = re.compile(r"\*|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|<|\\|^#|^\s*[-+] ", re.M)


@pytest.mark.parametrize("exercise_id", sorted(COURSE.exercises))
def test_hints_render_as_markdown(exercise_id):
    for i, hint in enumerate(COURSE.exercise(exercise_id).hints, 1):
        for lang in ("en", "ko"):
            text = hint.get(lang)
            assert text.count("`") % 2 == 0, f"hint {i} {lang}: unbalanced backticks"
            outside = re.sub(r"`[^`]*`", "", text)
            assert not RAW_MARKDOWN.search(outside), f"hint {i} {lang}: {RAW_MARKDOWN.search(outside).group(0)!r} outside code"


@pytest.mark.parametrize("exercise_id", sorted(COURSE.exercises))
def test_the_first_hint_is_not_code(exercise_id):
    """Hints are progressive: the first one points at the idea, not at a line to type."""
    first = COURSE.exercise(exercise_id).hints[0]
    for lang in ("en", "ko"):
        assert "`" not in first.get(lang) or len(re.findall(r"`[^`]*`", first.get(lang))) <= 2
        assert not re.search(r"np\.\w+\(", first.get(lang)), f"{lang}: the first hint names a NumPy call"
