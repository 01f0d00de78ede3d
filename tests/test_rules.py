"""Each rule of checks.py on the smallest file that breaks it, and on a legitimate near miss it must accept.

A bad case compares the whole list of problems the loader reports (file, line, field and the full
advice), written out here from what each rule promises a contributor; a near miss asserts the file
loads with no problem at all. Files are small YAML texts written to tmp_path, independent of the real
catalog. "Today" is controlled through ``checks._latest_today``, the one day every date rule uses.
`make mutation` runs this file (with the data-file suites) against mutants of checks.py and
problems.py; tests/mutation_equivalent.txt lists the surviving mutants no data file can kill.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import SCHEMA_FILE
from llm_catalog.data import facets, labels, yamlsource
from llm_catalog.data.problems import CatalogInvalid, Problem, describe, field_name, short, suggest, summary_line
from llm_catalog.rules import checks, refused
from llm_catalog.rules.load import load

#: Lines 1-7 of every file below; a test's own text starts on line 8.
HEADER = """\
categories:
  - {id: core, title: 核心, summary: 主线。, study: main}
topics:
  - {id: lm, title: 语言建模}
  - {id: nn, title: 神经网络}
book_groups:
  - {id: basics, title: 基础}
"""
#: The top-level lists the schema requires; those a test leaves out are added, empty, at the end.
REQUIRED = ("categories", "topics", "book_groups", "courses", "syllabi", "books", "resources")


class DataFile:
    """A data file in tmp_path, checked by the real loader and schema."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def problems(self, body: str, header: str = HEADER) -> list[str]:
        """Every problem the loader reports for *header* + *body*, as `make check` prints it."""
        text = header + body
        for key in REQUIRED:
            if not re.search(rf"^{key}:", text, re.MULTILINE):
                text += f"{key}: []\n"
        self.path.write_text(text, encoding="utf-8")
        try:
            load(self.path, SCHEMA_FILE)
        except CatalogInvalid as exc:
            return [str(problem) for problem in exc.problems]
        return []

    def at(self, line: int, text: str) -> str:
        """A problem as `make check` and the build print it."""
        return f"{self.path}:{line}: ERROR: {text}"


@pytest.fixture
def data(tmp_path: Path) -> DataFile:
    return DataFile(tmp_path / "catalog.yaml")


def course(rid: str, url: str, extra: str = "") -> str:
    """One course on one line (so each test can count its lines)."""
    return (
        f"  - {{id: {rid}, category: core, title: {rid.title()}, language: en, note: 一门课。{extra}, "
        f'links: [{{kind: site, url: "{url}"}}]}}\n'
    )


# -- Ids -----------------------------------------------------------------------------------------


def test_record_ids_are_unique_across_all_record_lists(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/")  # 9
        + "books:\n"  # 10
        + "  - {id: alpha, group: basics, authors: [A], title: B, language: en, note: 一本书。}\n"  # 11
    )
    assert data.problems(body) == [
        data.at(11, "books[alpha].id: duplicate id 'alpha': already used at line 9; ids must be unique")
    ]


def test_a_record_id_may_not_repeat_a_category_id(data: DataFile) -> None:
    body = "courses:\n" + course("core", "https://core.example.org/")  # line 9
    assert data.problems(body) == [
        data.at(9, "courses[core].id: duplicate id 'core': already used at line 2; ids must be unique")
    ]


def test_near_miss_ids_that_only_look_alike_are_accepted(data: DataFile) -> None:
    body = "courses:\n" + course("alpha", "https://alpha.example.org/") + course("alpha-2", "https://a2.example.org/")
    assert data.problems(body) == []


@pytest.mark.parametrize(
    ("header", "line", "expected"),
    [
        (
            HEADER + "  - {id: basics, title: 又一组}\n",
            8,
            "book_groups[basics].id: duplicate id 'basics': already used at line 7",
        ),
        (
            HEADER.replace("  - {id: nn, title: 神经网络}\n", "  - {id: lm, title: 又是语言建模}\n"),
            5,
            "topics[lm].id: duplicate id 'lm': already used at line 4",
        ),
    ],
    ids=["book-group", "topic"],
)
def test_topic_and_book_group_ids_are_unique(data: DataFile, header: str, line: int, expected: str) -> None:
    assert data.problems("", header=header) == [data.at(line, expected)]


def test_near_miss_topics_groups_and_records_have_separate_id_namespaces(data: DataFile) -> None:
    """A topic, a book group and a record may share an id: they are never referred to by the same field."""
    header = HEADER.replace("{id: basics, title: 基础}", "{id: lm, title: 基础}")
    body = "courses:\n" + course("lm", "https://lm.example.org/", ", topics: [lm]")
    body += "books:\n  - {id: book, group: lm, authors: [A], title: B, language: en, note: 一本书。}\n"
    assert data.problems(body, header=header) == []


# -- References to categories, courses, groups and topics ------------------------------------------


def test_unknown_category_lists_the_valid_ones(data: DataFile) -> None:
    body = "courses:\n" + course("alpha", "https://alpha.example.org/").replace("core", "nlp")
    assert data.problems(body) == [data.at(9, "courses[alpha].category: unknown category 'nlp'; valid values: core")]


def test_a_mistyped_category_gets_a_suggestion(data: DataFile) -> None:
    body = "courses:\n" + course("alpha", "https://alpha.example.org/").replace("core", "cor")
    assert data.problems(body) == [data.at(9, "courses[alpha].category: unknown category 'cor'; did you mean 'core'?")]


SYLLABUS = (
    '  - {{id: syl, course: {course}, title: S, author: A, links: [{{kind: code, url: "https://code.example.org/"}}], '
    "chapters: [{{number: 1, title: One}}]}}\n"
)


def test_a_syllabus_names_an_existing_course(data: DataFile) -> None:
    body = "courses:\n" + course("alpha", "https://alpha.example.org/") + "syllabi:\n" + SYLLABUS.format(course="omega")
    assert data.problems(body) == [data.at(11, "syllabi[syl].course: unknown course 'omega'; valid values: alpha")]


def test_a_syllabus_without_any_course_in_the_file_says_none_is_defined(data: DataFile) -> None:
    body = "syllabi:\n" + SYLLABUS.format(course="omega")
    assert data.problems(body) == [
        data.at(9, "syllabi[syl].course: unknown course 'omega'; valid values: (none defined yet)")
    ]


def test_a_book_names_an_existing_group(data: DataFile) -> None:
    body = "books:\n  - {id: book, group: advanced, authors: [A], title: B, language: en, note: 一本书。}\n"
    assert data.problems(body) == [data.at(9, "books[book].group: unknown book group 'advanced'; valid values: basics")]


def test_topics_of_records_and_of_chapters_exist(data: DataFile) -> None:
    body = (
        "books:\n"  # 8
        "  - id: book\n"  # 9
        "    group: basics\n"
        "    authors: [A]\n"
        "    title: B\n"
        "    language: en\n"
        "    note: 一本书。\n"
        "    topics: [lm, rl]\n"  # 15
        "    chapters:\n"
        "      - {number: 1, title: One, topics: [nn, vision]}\n"  # 17
    )
    assert data.problems(body) == [
        data.at(15, "books[book].topics[1]: unknown topic 'rl'; valid values: lm, nn"),
        data.at(17, "books[book].chapters[0].topics[1]: unknown topic 'vision'; valid values: lm, nn"),
    ]


# -- Dates: one "today" for every date rule ----------------------------------------------------------


TODAY = date(2024, 2, 29)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    """The latest day on Earth is 2024-02-29 (a real leap day) for every date rule."""
    monkeypatch.setattr(checks, "_latest_today", lambda: TODAY)
    return TODAY


def link_with(field: str, value: str) -> str:
    """A course carrying the date in *field*: ``added`` on line 9, a link's date on line 10."""
    where = ("", f', {field}: "{value}"') if field != "added" else (f', added: "{value}"', "")
    return (
        "courses:\n"  # 8
        f"  - {{id: alpha, category: core, title: Alpha, language: en, note: 一门课。{where[0]},\n"  # 9
        f'    links: [{{kind: site, url: "https://alpha.example.org/"{where[1]}}}]}}\n'  # 10
    )


DATE_FIELDS = {
    "checked": "courses[alpha].links[0].checked",
    "broken": "courses[alpha].links[0].broken",
    "added": "courses[alpha].added",
}
FUTURE_ADVICE = {
    "checked": "write the date you confirmed the link works",
    "broken": "write the day it really happened",
    "added": "write the day it really happened",
}


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("value", ["2024-02-29", "2024-02-28", "2023-03-01", "2000-01-01"])
def test_every_date_rule_accepts_today_and_earlier_days(data: DataFile, today: date, field: str, value: str) -> None:
    assert data.problems(link_with(field, value)) == []


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("value", ["2024-03-01", "2025-01-01", "2999-12-31"])
def test_every_date_rule_refuses_the_day_after_today(data: DataFile, today: date, field: str, value: str) -> None:
    line = 9 if field == "added" else 10
    assert data.problems(link_with(field, value)) == [
        data.at(line, f"{DATE_FIELDS[field]}: {value!r} is in the future; {FUTURE_ADVICE[field]}")
    ]


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("value", ["2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-31"])
def test_every_date_rule_refuses_days_that_do_not_exist(data: DataFile, today: date, field: str, value: str) -> None:
    line = 9 if field == "added" else 10
    assert data.problems(link_with(field, value)) == [
        data.at(line, f"{DATE_FIELDS[field]}: {value!r} is not a real date (YYYY-MM-DD)")
    ]


class _Clock(datetime):
    """``datetime.now`` at a chosen instant in UTC (the rules must ask for UTC, not the local zone)."""

    instant = datetime(2024, 2, 28, 10, 0, tzinfo=UTC)

    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        assert tz is UTC, "today is computed from UTC, never from the machine's time zone"
        return cls.instant


@pytest.mark.parametrize(
    ("instant", "latest"),
    [
        # 10:00 UTC is midnight at UTC+14: the first moment of the next day somewhere on Earth.
        (datetime(2024, 2, 28, 10, 0, tzinfo=UTC), date(2024, 2, 29)),
        (datetime(2024, 2, 28, 9, 59, 59, tzinfo=UTC), date(2024, 2, 28)),
        (datetime(2024, 2, 29, 10, 0, tzinfo=UTC), date(2024, 3, 1)),
        (datetime(2023, 12, 31, 23, 59, tzinfo=UTC), date(2024, 1, 1)),
    ],
)
def test_today_is_the_latest_date_on_earth(monkeypatch: pytest.MonkeyPatch, instant: datetime, latest: date) -> None:
    monkeypatch.setattr(_Clock, "instant", instant)
    monkeypatch.setattr(checks, "datetime", _Clock)
    assert checks._latest_today() == latest


def test_all_date_rules_use_the_same_today(data: DataFile, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10:00 UTC it is already the 29th at UTC+14 (while still the 28th in UTC and in Europe):
    every date rule accepts the 29th and refuses the 1st of March, whatever the machine's time zone."""
    monkeypatch.setattr(checks, "datetime", _Clock)
    body = (
        "courses:\n"  # 8
        '  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。, added: "2024-02-29",\n'  # 9
        "    links: [\n"
        '      {kind: site, url: "https://alpha.example.org/", checked: "2024-02-29"},\n'  # 11
        '      {kind: site, url: "https://alpha.example.org/2", broken: "2024-02-29"}]}\n'  # 12
    )
    assert data.problems(body) == []
    assert data.problems(body.replace("2024-02-29", "2024-03-01")) == [
        data.at(9, "courses[alpha].added: '2024-03-01' is in the future; write the day it really happened"),
        data.at(
            11,
            "courses[alpha].links[0].checked: '2024-03-01' is in the future; "
            "write the date you confirmed the link works",
        ),
        data.at(12, "courses[alpha].links[1].broken: '2024-03-01' is in the future; write the day it really happened"),
    ]


def test_a_link_cannot_break_before_it_was_last_seen_working(data: DataFile, today: date) -> None:
    body = (
        "courses:\n"
        "  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。,\n"
        '    links: [{kind: site, url: "https://a.example.org/", '
        'checked: "2024-01-02", broken: "2024-01-01"}]}\n'
    )
    assert data.problems(body) == [
        data.at(
            10,
            "courses[alpha].links[0].broken: the link was found broken on 2024-01-01 but seen working later, "
            "on 2024-01-02 (checked); remove `broken` if it works again",
        )
    ]


@pytest.mark.parametrize(("checked", "broken"), [("2024-01-01", "2024-01-01"), ("2024-01-01", "2024-01-02")])
def test_near_miss_a_link_broken_on_or_after_its_last_check_is_accepted(
    data: DataFile, today: date, checked: str, broken: str
) -> None:
    body = (
        "courses:\n"
        "  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。,\n"
        '    links: [{kind: site, url: "https://a.example.org/", '
        f'checked: "{checked}", broken: "{broken}"}}]}}\n'
    )
    assert data.problems(body) == []


def with_repository(repository: str, url: str = "https://github.com/alpha/alpha") -> str:
    """A course on lines 9-10 with *repository* (line 10) and one link."""
    return (
        "courses:\n"  # 8
        "  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。,\n"  # 9
        f'    repository: {repository}, links: [{{kind: code, url: "{url}"}}]}}\n'  # 10
    )


@pytest.mark.parametrize(
    ("pushed", "checked"), [("2024-02-29", "2024-02-29"), ("2000-01-01", "2024-02-28"), ("2023-02-28", "2024-02-29")]
)
def test_near_miss_a_push_on_or_before_the_day_github_was_asked_is_accepted(
    data: DataFile, today: date, pushed: str, checked: str
) -> None:
    body = with_repository(f'{{archived: false, pushed: "{pushed}", checked: "{checked}"}}')
    assert data.problems(body) == []


def test_a_push_after_the_day_github_was_asked_is_refused(data: DataFile, today: date) -> None:
    body = with_repository('{archived: true, pushed: "2024-01-02", checked: "2024-01-01"}')
    assert data.problems(body) == [
        data.at(
            10,
            "courses[alpha].repository.pushed: the last push (2024-01-02) is after the day GitHub was asked "
            "(2024-01-01, checked); these dates are written by `make freshness`, run it again instead of editing them",
        )
    ]


@pytest.mark.parametrize("key", ["pushed", "checked"])
def test_repository_dates_are_real_days_up_to_today(data: DataFile, today: date, key: str) -> None:
    other = "pushed" if key == "checked" else "checked"
    for value, words in (
        ("2024-03-01", "is in the future; write the day it really happened"),
        ("2023-02-29", "is not a real date (YYYY-MM-DD)"),
    ):
        body = with_repository(f'{{archived: false, {key}: "{value}", {other}: "2023-01-01"}}')
        found = [p for p in data.problems(body) if f"repository.{key}:" in p and "after the day" not in p]
        assert found == [data.at(10, f"courses[alpha].repository.{key}: {value!r} {words}")]


@pytest.mark.parametrize("value", ['"false"', "no", "0", "null"])
def test_archived_is_a_plain_boolean(data: DataFile, today: date, value: str) -> None:
    body = with_repository(f'{{archived: {value}, pushed: "2024-01-01", checked: "2024-01-02"}}')
    (problem,) = data.problems(body)
    assert problem.startswith(
        data.at(10, "courses[alpha].repository.archived: expected true or false (without quotes), found")
    )


@pytest.mark.parametrize(
    "url", ["https://alpha.github.io/alpha", "https://github.com/orgs/alpha", "https://gitlab.com/alpha/alpha"]
)
def test_a_repository_needs_a_github_repository_link(data: DataFile, today: date, url: str) -> None:
    body = with_repository('{archived: false, pushed: "2024-01-01", checked: "2024-01-02"}', url)
    assert data.problems(body) == [
        data.at(
            10,
            "courses[alpha].repository: none of the record's links is a GitHub repository "
            "(https://github.com/OWNER/REPO), so there is no repository to describe; remove `repository` or add "
            "the repository's link",
        )
    ]


@pytest.mark.parametrize(
    "links", ["null", "7", '"github.com/alpha/alpha"', "[{kind: code}]", '["https://github.com/a/b"]']
)
def test_a_repository_with_links_of_the_wrong_shape_is_reported_without_a_crash(
    data: DataFile, today: date, links: str
) -> None:
    body = (
        "courses:\n"  # 8
        "  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。,\n"  # 9
        f'    repository: {{archived: false, pushed: "2024-01-01", checked: "2024-01-02"}}, links: {links}}}\n'  # 10
    )
    problems = data.problems(body)
    assert (
        data.at(
            10,
            "courses[alpha].repository: none of the record's links is a GitHub repository "
            "(https://github.com/OWNER/REPO), so there is no repository to describe; remove `repository` "
            "or add the repository's link",
        )
        in problems
    )
    assert len(problems) >= 2  # the schema's word on the links too


# -- Addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://localhost/",  # no dot: a name on one machine or network only
        "http://intranet:8080/x",
        "https://alpha.example.org:99999/",  # not a port number
        "https://alpha.example.org:port/",
    ],
)
def test_a_link_needs_a_real_host_name(data: DataFile, url: str) -> None:
    body = "courses:\n" + course("alpha", url)
    assert data.problems(body) == [data.at(9, f"courses[alpha].links[0].url: {url!r} has no valid host name")]


def test_an_archived_copy_needs_a_real_host_name_too(data: DataFile) -> None:
    body = "courses:\n" + course("alpha", "https://alpha.example.org/").replace(
        '"}]}', '", archive: "https://webarchive/x"}]}'
    )
    assert data.problems(body) == [
        data.at(9, "courses[alpha].links[0].archive: 'https://webarchive/x' has no valid host name")
    ]


@pytest.mark.parametrize(
    "url", ["https://alpha.example.org:8080/", "http://a.b/", "https://alpha.example.org/path?q=1#part"]
)
def test_near_miss_unusual_but_real_addresses_are_accepted(data: DataFile, url: str) -> None:
    assert data.problems("courses:\n" + course("alpha", url)) == []


def test_a_long_address_is_shortened_in_the_message(data: DataFile) -> None:
    url = "https://intranet/" + "x" * 60
    body = "courses:\n" + course("alpha", url)
    shown = "'https://intranet/" + "x" * 42 + "…'"  # 17 + 42 = 59 characters, then an ellipsis
    assert data.problems(body) == [data.at(9, f"courses[alpha].links[0].url: {shown} has no valid host name")]


def test_the_same_address_on_two_records_is_refused(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/x")  # 9
        + course("beta", "https://Alpha.Example.org/x/")  # 10: same host in other case, trailing slash
    )
    assert data.problems(body) == [
        data.at(
            10,
            "courses[beta].links[0].url: 'https://Alpha.Example.org/x/' is already a link of 'alpha' (line 9); "
            "if it is the same material, keep one record, otherwise correct the address",
        )
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://alpha.example.org/X", "https://alpha.example.org/x"),  # a path is case-sensitive
        ("https://alpha.example.org/", "https://alpha.example.org/X"),  # a page below the front page
        ("http://alpha.example.org/", "http://beta.example.org/"),
        # Host names compare without case, but only as lowercase does: "ß".upper() is "SS".
        ("https://straße.example.org/", "https://strasse.example.org/"),
    ],
)
def test_near_miss_different_addresses_are_two_materials(data: DataFile, first: str, second: str) -> None:
    body = "courses:\n" + course("alpha", first) + course("beta", second)
    assert data.problems(body) == []


def test_the_same_address_twice_in_one_record_is_refused(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        "  - id: alpha\n"  # 9
        "    category: core\n"
        "    title: Alpha\n"
        "    language: en\n"
        "    note: 一门课。\n"
        "    links:\n"
        '      - {kind: site, url: "https://alpha.example.org/"}\n'  # 15
        '      - {kind: video, url: "https://alpha.example.org"}\n'  # 16
    )
    assert data.problems(body) == [
        data.at(
            16,
            "courses[alpha].links[1].url: 'https://alpha.example.org' is listed twice in this record (also at line 15)",
        )
    ]


def syllabus_of(course_id: str) -> str:
    return (
        f"  - {{id: syl, course: {course_id}, title: S, author: A, "
        'links: [{kind: code, url: "https://alpha.example.org/"}], chapters: [{number: 1, title: One}]}\n'
    )


def test_near_miss_a_syllabus_may_share_the_address_of_its_own_course(data: DataFile) -> None:
    body = "courses:\n" + course("alpha", "https://alpha.example.org/") + "syllabi:\n" + syllabus_of("alpha")
    assert data.problems(body) == []


def test_a_syllabus_may_not_share_the_address_of_another_course(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/")  # 9
        + course("beta", "https://beta.example.org/")  # 10
        + "syllabi:\n"  # 11
        + syllabus_of("beta")  # 12
    )
    assert data.problems(body) == [
        data.at(
            12,
            "syllabi[syl].links[0].url: 'https://alpha.example.org/' is already a link of 'alpha' (line 9); "
            "if it is the same material, keep one record, otherwise correct the address",
        )
    ]


def test_only_a_syllabus_is_exempt_for_its_course(data: DataFile) -> None:
    """A book is never part of a course: a stray ``course:`` (the schema refuses it) exempts nothing."""
    body = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/")  # 9
        + "books:\n"  # 10
        + "  - {id: book, course: alpha, group: basics, authors: [A], title: B, language: en, note: 一本书。, "
        'links: [{kind: site, url: "https://alpha.example.org/"}]}\n'  # 11
    )
    problems = data.problems(body)
    # First the schema's complaint about the field itself (its wording is the schema layer's) ...
    assert problems[0].startswith(data.at(11, "books[book].course: unknown field 'course'"))
    # ... then the address rule, which a stray field does not silence.
    assert problems[1:] == [
        data.at(
            11,
            "books[book].links[0].url: 'https://alpha.example.org/' is already a link of 'alpha' (line 9); "
            "if it is the same material, keep one record, otherwise correct the address",
        ),
    ]


def test_the_same_course_entered_twice_is_refused(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/", ", institution: Example University")  # 9
        + course("beta", "https://beta.example.org/", ', institution: "EXAMPLE University"').replace(
            "title: Beta", "title: ALPHA "
        )  # 10
    )
    assert data.problems(body) == [
        data.at(
            10,
            "courses[beta].title: 'alpha' (line 9) has the same institution and title; if it is the same course, "
            "keep one record and put all its links there, otherwise make the titles differ (e.g. add the term)",
        )
    ]


@pytest.mark.parametrize(
    "beta",
    [
        ", institution: Other University, title: Alpha",  # same title elsewhere
        ", title: Alpha",  # no institution: nothing to compare
        ", institution: Example University, title: Alpha 2024",
    ],
    ids=["other-institution", "no-institution", "other-title"],
)
def test_near_miss_courses_that_differ_are_accepted(data: DataFile, beta: str) -> None:
    body = (
        "courses:\n"
        + course("alpha", "https://alpha.example.org/", ", institution: Example University")
        + course("beta", "https://beta.example.org/", beta).replace("title: Beta, ", "")
    )
    assert data.problems(body) == []


# -- Chinese aids -------------------------------------------------------------------------------------


def with_aids(*aids: str) -> str:
    listed = ", ".join(f'{{kind: subtitles, url: "{url}"}}' for url in aids)
    return "courses:\n" + course(
        "alpha", "https://alpha.example.org/", f',\n    chinese: {{checked: "2026-11-01", aids: [{listed}]}}'
    )


def test_a_chinese_aid_needs_a_real_host_name(data: DataFile) -> None:
    assert data.problems(with_aids("https://bilibili/x")) == [
        data.at(10, "courses[alpha].chinese.aids[0].url: 'https://bilibili/x' has no valid host name")
    ]


def test_a_chinese_aid_is_listed_once_per_record(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        "  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。,\n"
        '     links: [{kind: site, url: "https://alpha.example.org/"}],\n'
        '     chinese: {checked: "2026-11-01", aids: [\n'  # 11
        '       {kind: subtitles, url: "https://cn.example.org/a"},\n'  # 12
        '       {kind: notes, url: "https://cn.example.org/b"},\n'
        '       {kind: notes, url: "https://cn.example.org/a"}]}}\n'  # 14
    )
    assert data.problems(body) == [
        data.at(14, "courses[alpha].chinese.aids[2].url: this Chinese aid is already listed at line 12; list it once")
    ]


def test_near_miss_two_records_may_share_a_chinese_aid(data: DataFile) -> None:
    aid = ',\n    chinese: {checked: "2026-11-01", aids: [{kind: notes, url: "https://cn.example.org/a"}]}'
    body = (
        "courses:\n"
        + course("alpha", "https://alpha.example.org/", aid)
        + course("beta", "https://beta.example.org/", aid)
        + course("gamma", "https://gamma.example.org/", aid.replace("notes", "subtitles"))
    )
    assert data.problems(body) == []


def with_unconfirmed(*items: str) -> str:
    """A course whose Chinese access lists *items* (``kind: ..., name: ...``), one a line from line 12."""
    listed = ",\n".join(f"       {{{item}}}" for item in items)
    return (
        "courses:\n"  # 8
        "  - {id: alpha, category: core, title: Alpha, language: en, note: 一门课。,\n"  # 9
        '     links: [{kind: site, url: "https://alpha.example.org/"}],\n'  # 10
        '     chinese: {checked: "2026-11-01", unconfirmed: [\n'  # 11
        + listed  # 12 ...
        + "]}}\n"
    )


def test_an_unconfirmed_aid_is_named_in_words_not_linked(data: DataFile) -> None:
    body = with_unconfirmed("kind: notes, name: 知乎文章 https://zhuanlan.zhihu.com/p/1")
    assert data.problems(body) == [
        data.at(
            12,
            "courses[alpha].chinese.unconfirmed[0].name: '知乎文章 https://zhuanlan.zhihu.com/p/1' holds a web "
            "address: say what it is in words (a title, a site's name, a video's number), since nobody confirmed "
            "the address; once the aid is confirmed, list it under aids with its url",
        )
    ]


def test_an_unconfirmed_aid_is_listed_once_per_record(data: DataFile) -> None:
    body = with_unconfirmed(
        "kind: translation, name: 中文版图书《图解大模型》",  # 12
        "kind: notes, name: 中文版图书《图解大模型》",  # another kind: another aid
        "kind: translation, name: 中文版图书 《图解大模型》",  # 14: the same, but for a space
    )
    assert data.problems(body) == [
        data.at(
            14,
            "courses[alpha].chinese.unconfirmed[2].name: this unconfirmed aid is already listed at line 12; "
            "list it once",
        )
    ]


def test_near_miss_unconfirmed_aids_named_by_site_or_number_and_shared_by_two_records(data: DataFile) -> None:
    listed = (
        ", unconfirmed: [{kind: video-mirror, name: B 站视频 BV19iPmetEL5},"
        " {kind: notes, name: forsworns.github.io 上的笔记}]"
    )
    chinese = f',\n    chinese: {{checked: "2026-11-01"{listed}}}'
    body = (
        "courses:\n"
        + course("alpha", "https://alpha.example.org/", chinese)
        + course("beta", "https://b.example.org/", chinese)
    )
    assert data.problems(body) == []


def test_an_unconfirmed_aid_does_not_make_a_record_studyable_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        HEADER
        + with_unconfirmed("kind: translation, name: 中文版图书《图解大模型》")
        + "syllabi: []\nbooks: []\nresources: []\n",
        encoding="utf-8",
    )
    record = load(path, SCHEMA_FILE).get("alpha")
    (aid,) = record.chinese.unconfirmed
    assert (aid.aid_kind, aid.name, aid.line) == ("translation", "中文版图书《图解大模型》", 12)
    assert record.aids == () and not facets.in_chinese(record)


# -- Facts and their sources ------------------------------------------------------------------------


def with_fact(fact: str) -> str:
    return "courses:\n" + course("alpha", "https://alpha.example.org/", f",\n    {fact}")  # the fact: line 10


@pytest.mark.parametrize(
    "fact",
    [
        'cost: {value: free, sources: ["https://alpha.example.org/"], checked: "2026-11-01"}',
        'cost: {value: unknown, checked: "2026-11-01", note: 两处来源说法不一。}',
        'cost: {value: unknown, sources: ["https://alpha.example.org/"], checked: "2026-11-01", note: 没写价格。}',
        'effort: {kind: unknown, checked: "2026-11-01", note: 没有播放列表。}',
        'effort: {kind: stated, hours: 6, sources: ["https://alpha.example.org/"], checked: "2026-11-01"}',
        # 17 × 80 min = 22.67 h, shown as 23; 3 × 50 min = 2.5 h rounds half up to 3
        'effort: {kind: video, hours: 23, lectures: 17, minutes: 80, sources: ["https://a.io"], checked: "2026-11-01"}',
        'effort: {kind: class, hours: 3, lectures: 3, minutes: 50, sources: ["https://a.org/"], checked: "2026-11-01"}',
        'pages: {count: 587, sources: ["https://alpha.example.org/book.pdf"], checked: "2026-11-01"}',
        'chinese: {checked: "2026-11-01", note: B 站上没有中文字幕。}',
        'chinese: {checked: "2026-11-01"}',
    ],
)
def test_near_miss_facts_with_their_sources_are_accepted(data: DataFile, fact: str) -> None:
    assert data.problems(with_fact(fact)) == []


def test_a_derived_figure_is_rounded_half_up_not_down(data: DataFile) -> None:
    fact = 'effort: {kind: class, hours: 2, lectures: 3, minutes: 50, sources: ["https://a.io"], checked: "2026-11-01"}'
    assert data.problems(with_fact(fact)) == [
        data.at(
            10,
            "courses[alpha].effort.hours: 3 lectures × 50 minutes is about 3 hours, not 2: correct hours or the parts",
        )
    ]


def test_a_fact_checked_today_anywhere_on_earth_is_not_in_the_future(data: DataFile) -> None:
    today = checks._latest_today().isoformat()
    fact = f'cost: {{value: free, sources: ["https://alpha.example.org/"], checked: "{today}"}}'
    assert data.problems(with_fact(fact)) == []
    tomorrow = (checks._latest_today() + timedelta(days=1)).isoformat()
    assert data.problems(with_fact(fact.replace(today, tomorrow))) == [
        data.at(10, f"courses[alpha].cost.checked: '{tomorrow}' is in the future; write the day the source was read")
    ]


def test_an_unknown_effort_with_a_derivation_names_each_part(data: DataFile) -> None:
    fact = 'effort: {kind: unknown, lectures: 3, minutes: 50, checked: "2026-11-01", note: 不确定。}'
    assert data.problems(with_fact(fact)) == [
        data.at(
            10,
            f"courses[alpha].effort.{key}: an unknown effort has no {key}: "
            "remove it, or set kind to video, class or stated",
        )
        for key in ("lectures", "minutes")
    ]


# -- Chapters ---------------------------------------------------------------------------------------


def book_with_chapters(*numbers: int) -> str:
    chapters = "".join(f"      - {{number: {n}, title: C{n}}}\n" for n in numbers)  # from line 16
    return (
        "books:\n"  # 8
        "  - id: book\n"
        "    group: basics\n"
        "    authors: [A]\n"
        "    title: B\n"
        "    language: en\n"
        "    note: 一本书。\n"
        "    chapters:\n"  # 15
        f"{chapters}"
    )


@pytest.mark.parametrize("numbers", [(1, 2, 3), (1,), (2, 5, 9), (7, 8)])
def test_near_miss_chapters_numbered_in_increasing_order_are_accepted(data: DataFile, numbers: tuple) -> None:
    assert data.problems(book_with_chapters(*numbers)) == []


def test_two_chapters_with_the_same_number_are_refused(data: DataFile) -> None:
    assert data.problems(book_with_chapters(1, 2, 2)) == [
        data.at(
            18, "books[book].chapters[2].number: chapter 2 comes after chapter 2; number chapters in increasing order"
        )
    ]


def test_chapters_out_of_order_are_refused_each_against_the_highest_number_so_far(data: DataFile) -> None:
    assert data.problems(book_with_chapters(1, 4, 2, 3, 5)) == [
        data.at(
            18, "books[book].chapters[2].number: chapter 2 comes after chapter 4; number chapters in increasing order"
        ),
        data.at(
            19, "books[book].chapters[3].number: chapter 3 comes after chapter 4; number chapters in increasing order"
        ),
    ]


# -- Problems' wording (problems.py) ------------------------------------------------------------------


def test_a_problem_prints_as_the_build_prints_it() -> None:
    located = Problem("_data/catalog.yaml", 12, "courses[alpha].title", "too long")
    assert str(located) == "_data/catalog.yaml:12: ERROR: courses[alpha].title: too long"
    # Sphinx would read a location without a line as a document name: the file goes into the message.
    assert str(Problem("_data/catalog.yaml", None, "", "cannot read the file")) == (
        "ERROR: _data/catalog.yaml: cannot read the file"
    )


def test_catalog_invalid_says_how_many_problems() -> None:
    problems = [Problem("f.yaml", 1, "", "a"), Problem("f.yaml", 2, "", "b")]
    error = CatalogInvalid(problems)
    assert str(error) == "2 problem(s) in the catalog"
    assert error.problems == problems


def test_summary_line_counts_problems_and_names_each_file_once() -> None:
    advice = (
        "fix the lines above. The site is not built while the data file has problems "
        "(`make check` re-checks it quickly)."
    )
    assert summary_line([Problem("a.yaml", 1, "", "x")]) == f"a.yaml: 1 problem found; {advice}"
    two_files = [Problem("b.yaml", 1, "", "x"), Problem("a.yaml", 3, "", "y"), Problem("b.yaml", 2, "", "z")]
    assert summary_line(two_files) == f"a.yaml, b.yaml: 3 problems found; {advice}"


def test_field_name_names_items_by_their_id_where_they_have_one() -> None:
    data = {"courses": [{"id": "alpha", "links": [{"url": "u"}, {"url": "v"}]}, {"id": "Not An Id"}]}
    assert field_name(("courses", 0, "links", 1, "url"), data) == "courses[alpha].links[1].url"
    assert field_name(("courses", 1, "title"), data) == "courses[1].title"
    assert field_name(("courses", 2, "id"), data) == "courses[2].id"  # just past the end of the list
    assert field_name(("courses", 0, "nothing", "deeper"), data) == "courses[alpha].nothing.deeper"
    assert field_name(("courses", 3, "links", 0), None) == "courses[3].links[0]"
    assert field_name((), data) == "(top level)"
    nested = {"paths": [{"id": "p", "steps": [{"id": "first"}]}]}
    assert field_name(("paths", 0, "steps", 0), nested) == "paths[p].steps[first]"


def test_short_quotes_and_cuts_at_sixty_characters() -> None:
    assert short("x" * 60) == repr("x" * 60)
    assert short("x" * 61) == repr("x" * 59 + "…")
    assert short("abcdef", limit=4) == repr("abc…")


def test_describe_names_a_value_as_a_contributor_would() -> None:
    assert describe(True) == "the boolean true"
    assert describe(False) == "the boolean false"
    assert describe(None) == "nothing (an empty value)"
    assert describe(3) == "the number 3"


def test_suggest_offers_the_closest_id_only() -> None:
    assert suggest("alpah", ["beta", "alpha", "alphabet"]) == "; did you mean 'alpha'?"
    assert suggest("zzz", ["alpha"]) == ""


# -- Prerequisites and study paths --------------------------------------------------------------------

#: Lines 8-15: a course that requires the topic lm (line 9), a course that teaches it (line 11), and a
#: book whose chapter 1 (line 15) teaches it. The paths that follow start on line 16.
TEACHING = """\
courses:
  - {id: applied, category: core, title: Applied, language: en, note: 要求 lm。, requires: [lm],
     links: [{kind: site, url: "https://applied.example.org/"}]}
  - {id: other, category: core, title: Other, language: en, note: 讲 lm。, topics: [lm],
     links: [{kind: site, url: "https://other.example.org/"}]}
books:
  - {id: book, group: basics, authors: [A], title: B, language: en, note: 第 1 章讲 lm。,
     chapters: [{number: 1, title: One, topics: [lm]}, {number: 2, title: Two}]}
"""


def path(*steps: str) -> str:
    """A path (id ``p``) whose steps are record ids or ``id#chapter``, one step a line from line 21."""
    lines = []
    for step in steps:
        record, _, number = step.partition("#")
        chapter = f", chapter: {number}" if number else ""
        lines.append(f"      - {{record: {record}{chapter}, why: 因为。}}\n")
    return "paths:\n  - id: p\n    title: 路线\n    summary: 一条路线。\n    steps:\n" + "".join(lines)


def test_a_step_needing_a_topic_that_only_a_later_record_teaches_through_its_chapter_is_refused(
    data: DataFile,
) -> None:
    """A whole record teaches what its chapters teach: the book teaches lm through chapter 1."""
    assert data.problems(TEACHING + path("applied", "book")) == [
        data.at(
            21,
            "paths[p].steps[0].record: step 1 ('applied') requires the topic 'lm' (语言建模), "
            "but only later steps teach it: step 2 ('book'); move one of them before step 1",
        )
    ]


def test_every_later_step_teaching_the_topic_is_listed(data: DataFile) -> None:
    assert data.problems(TEACHING + path("applied", "book#1", "other")) == [
        data.at(
            21,
            "paths[p].steps[0].record: step 1 ('applied') requires the topic 'lm' (语言建模), "
            "but only later steps teach it: step 2 ('book#1'), step 3 ('other'); move one of them before step 1",
        )
    ]


@pytest.mark.parametrize(
    "steps",
    [
        ("book", "applied"),  # the book teaches lm before it is needed
        ("book#1", "applied"),
        ("other", "applied", "book"),  # taught once before is enough
        ("applied", "book#2"),  # chapter 2 does not teach what chapter 1 teaches: nothing on the path does
        ("applied",),  # a path may leave out what teaches a requirement (下一步 lists it)
    ],
    ids=["record-first", "chapter-first", "one-teacher-first", "sibling-chapter", "left-out"],
)
def test_near_miss_topic_requirements_met_in_time_or_left_out_are_accepted(
    data: DataFile, steps: tuple[str, ...]
) -> None:
    assert data.problems(TEACHING + path(*steps)) == []


#: A third course, inserted before the book (lines 13-14): it requires the course "other", which teaches lm.
NEEDS = (
    "  - {id: needs, category: core, title: Needs, language: en, note: 要求 other。, requires: [other],\n"
    '     links: [{kind: site, url: "https://needs.example.org/"}]}\n'
)


def test_near_miss_a_record_does_not_teach_what_it_requires(data: DataFile) -> None:
    """'needs' requires 'other', which teaches lm: taking 'needs' later does not teach lm to 'applied'."""
    text = TEACHING.replace("books:\n", NEEDS + "books:\n")
    assert data.problems(text + path("applied", "needs")) == []


def test_near_miss_a_record_whose_chapters_teach_other_topics_does_not_teach_the_topic(data: DataFile) -> None:
    text = TEACHING + "  - {id: nn-book, group: basics, authors: [A], title: N, language: en, note: 讲 nn。,\n"
    text += "     chapters: [{number: 1, title: One, topics: [nn]}]}\n"
    assert data.problems(text + path("applied", "nn-book")) == []


def test_a_step_that_does_not_exist_is_reported_and_the_rest_of_the_path_is_still_checked(data: DataFile) -> None:
    text = TEACHING.replace("books:\n", NEEDS + "books:\n")  # the book now starts on line 15
    assert data.problems(text + path("nothing", "applied", "needs", "other")) == [
        data.at(23, "paths[p].steps[0].record: unknown record 'nothing'"),
        data.at(
            24,
            "paths[p].steps[1].record: step 2 ('applied') requires the topic 'lm' (语言建模), "
            "but only later steps teach it: step 4 ('other'); move one of them before step 2",
        ),
        data.at(
            25,
            "paths[p].steps[2].record: step 3 ('needs') comes before step 4 ('other'), which it requires; "
            "move step 4 before step 3",
        ),
    ]


@pytest.mark.parametrize("steps", [("needs",), ("other", "needs"), ("book", "needs", "applied")])
def test_near_miss_a_path_may_leave_out_what_a_step_requires(data: DataFile, steps: tuple[str, ...]) -> None:
    """Only what the path contains must come first; what it leaves out is the reader's to find (下一步)."""
    text = TEACHING.replace("books:\n", NEEDS + "books:\n")
    assert data.problems(text + path(*steps)) == []


def test_the_first_record_with_an_id_is_the_one_steps_and_requirements_refer_to(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/")  # 9
        + "books:\n"  # 10
        + "  - {id: alpha, group: basics, authors: [A], title: B, language: en, note: 同一个 id。,\n"  # 11
        + "     chapters: [{number: 1, title: One}]}\n"
        + path("alpha#1")  # step on line 18
    )
    assert data.problems(body) == [
        data.at(11, "books[alpha].id: duplicate id 'alpha': already used at line 9; ids must be unique"),
        data.at(18, "paths[p].steps[0].chapter: 'alpha' has no chapter 1 (it lists no chapters)"),
    ]


# -- Rules on values of the wrong shape ------------------------------------------------------------
# The schema reports a value of the wrong type; the rules skip it and go on with the rest of the
# file (they never fail on it, and never stop at it). These tests run the rules alone, on the
# parsed file, so the schema's own wording is not part of what they pin.


def rule_problems(text: str) -> list[str]:
    doc = yamlsource.parse(HEADER + text)
    return [str(problem) for problem in checks.rule_problems(doc, "catalog.yaml")]


def test_rules_skip_values_of_the_wrong_shape_and_check_the_rest() -> None:
    text = (
        "courses:\n"  # 8
        "  - just a string\n"  # 9
        "  - {id: 12, category: core, title: T, links: [{url: 7}]}\n"  # 10
        "  - {id: alpha, category: core, title: Alpha, institution: U, links: [\n"  # 11
        '      "https://text.example.org/", {url: "ftp://ftp.example.org/"}, [1],\n'  # 12
        '      {url: "http://alpha.example.org/"}, {url: "http://alpha.example.org/"}]}\n'  # 13
        '  - {id: beta, category: core, title: Alpha, institution: U, links: [{url: "http://alpha.example.org/"}]}\n'
    )
    assert rule_problems(text) == [
        "catalog.yaml:13: ERROR: courses[alpha].links[4].url: 'http://alpha.example.org/' is listed twice "
        "in this record (also at line 13)",
        "catalog.yaml:14: ERROR: courses[beta].links[0].url: 'http://alpha.example.org/' is already a link of "
        "'alpha' (line 13); if it is the same material, keep one record, otherwise correct the address",
        "catalog.yaml:14: ERROR: courses[beta].title: 'alpha' (line 11) has the same institution and title; if it is "
        "the same course, keep one record and put all its links there, otherwise make the titles differ "
        "(e.g. add the term)",
    ]


def test_the_rules_of_notes_unconfirmed_aids_and_years_skip_values_of_the_wrong_shape() -> None:
    text = (
        "courses:\n"  # 8
        "  - {id: alpha, note: [第三方], chinese: {unconfirmed: [x, {kind: notes}, {name: 3}, {kind: notes, name: 7},\n"
        "     {kind: 5, name: https://a.example.org/}, {kind: notes, name: 笔记}, {kind: notes, name: 笔记}]}}\n"  # 10
        "resources:\n"
        '  - {id: talk, year: {value: "2999", checked: "2024-01-01", sources: [s]}}\n'  # 12
        "  - {id: clip, year: {value: 2999, checked: 20240101, sources: [s]}}\n"
        '  - {id: film, year: {value: 2999, checked: "2024", sources: [s]}}\n'
        '  - {id: show, year: {value: true, checked: "2024-01-01", sources: [s]}}\n'
        '  - {id: late, year: {value: 2999, checked: "2024-01-01", sources: [s]}}\n'  # 16: checked after the others
    )
    assert rule_problems(text) == [
        "catalog.yaml:10: ERROR: courses[alpha].chinese.unconfirmed[4].name: 'https://a.example.org/' holds a web "
        "address: say what it is in words (a title, a site's name, a video's number), since nobody confirmed the "
        "address; once the aid is confirmed, list it under aids with its url",
        "catalog.yaml:10: ERROR: courses[alpha].chinese.unconfirmed[6].name: this unconfirmed aid is already listed "
        "at line 10; list it once",
        "catalog.yaml:16: ERROR: resources[late].year.value: the year 2999 is after the day its source was read "
        "(2024-01-01, checked): write the year the page states, or the day you read it",
    ]


def test_rules_skip_wrong_dates_chapters_and_ids_and_check_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "_latest_today", lambda: TODAY)
    text = (
        "courses:\n"  # 8
        "  - {id: [x], links: [{checked: 2023-02-29}, {checked: 20240301}]}\n"  # 9
        "  - {id: alpha, requires: [book#9], links: [{checked: 2023-02-29}, {checked: 2024-03-01}]}\n"  # 10
        "  - {id: alpha}\n"  # 11
        "books:\n"  # 12
        "  - id: book\n"  # 13
        "    chapters:\n"
        "      - just a title\n"  # 15
        "      - {number: one, requires: [nope]}\n"
        "      - {number: true}\n"
        "      - {number: 2, requires: [nope-2]}\n"  # 18
        "      - {number: 2}\n"  # 19
    )
    assert rule_problems(text) == [
        "catalog.yaml:11: ERROR: courses[alpha].id: duplicate id 'alpha': already used at line 10; ids must be unique",
        "catalog.yaml:9: ERROR: courses[0].links[0].checked: '2023-02-29' is not a real date (YYYY-MM-DD)",
        "catalog.yaml:10: ERROR: courses[alpha].links[0].checked: '2023-02-29' is not a real date (YYYY-MM-DD)",
        "catalog.yaml:10: ERROR: courses[alpha].links[1].checked: '2024-03-01' is in the future; "
        "write the date you confirmed the link works",
        "catalog.yaml:19: ERROR: books[book].chapters[4].number: chapter 2 comes after chapter 2; "
        "number chapters in increasing order",
        # The chapters numbered "one" and true are no chapters; the record after a malformed one still counts.
        "catalog.yaml:10: ERROR: courses[alpha].requires[0]: 'book' has no chapter 9 (its chapters: 2)",
        "catalog.yaml:18: ERROR: books[book].chapters[3].requires[0]: unknown requirement 'nope-2': "
        "no record, chapter or topic has this id",
    ]


def test_near_miss_a_books_chapters_may_be_read_in_any_order_but_a_syllabus_is_read_in_order(data: DataFile) -> None:
    text = (
        "syllabi:\n"  # 8
        '  - {id: syl, title: S, author: A, links: [{kind: code, url: "https://code.example.org/"}],\n'
        "     chapters: [{number: 1, title: One}, {number: 2, title: Two}]}\n"
        "books:\n"  # 11
        "  - {id: book, group: basics, authors: [A], title: B, language: en, note: 一本书。,\n"
        "     chapters: [{number: 1, title: One}, {number: 2, title: Two}]}\n"
    )
    assert data.problems(text + path("book#2", "book#1")) == []
    assert data.problems(text + path("syl#2", "syl#1")) == [
        data.at(
            19,
            "paths[p].steps[0].record: step 1 ('syl#2') comes before step 2 ('syl#1'), which it requires; "
            "move step 2 before step 1",
        )
    ]


def test_rules_skip_wrong_topics_requirements_and_steps_and_check_the_rest() -> None:
    header_end = "book_groups:\n"
    text = (
        "courses:\n"  # 9, after the header and a topic without a title (line 8)
        "  - {id: applied, requires: [untitled, 7, Bad Id]}\n"
        "  - {id: other, topics: [untitled, 3]}\n"
        "paths:\n"
        "  - just a string\n"
        "  - {id: p, steps: [{record: applied}, {record: other, chapter: true},\n"  # 14
        "      a step, {record: 5}, {record: nothing}]}\n"
        "  - {id: q, steps: 5}\n"
    )
    doc = yamlsource.parse(HEADER.replace(header_end, "  - {id: untitled}\n" + header_end) + text)
    assert [str(problem) for problem in checks.rule_problems(doc, "catalog.yaml")] == [
        # A topic without a title is named by its id; a chapter that is not a number is no chapter.
        "catalog.yaml:15: ERROR: paths[p].steps[4].record: unknown record 'nothing'",
        "catalog.yaml:14: ERROR: paths[p].steps[0].record: step 1 ('applied') requires the topic 'untitled' "
        "(untitled), but only later steps teach it: step 2 ('other'); move one of them before step 1",
    ]


def test_a_chapter_cannot_require_itself(data: DataFile) -> None:
    text = (
        "books:\n"  # 8
        "  - {id: book, group: basics, authors: [A], title: B, language: en, note: 一本书。,\n"
        "     chapters: [{number: 1, title: One},\n"
        "                {number: 2, title: Two, requires: [book#1, book#2]}]}\n"  # 11
    )
    assert data.problems(text) == [
        data.at(11, "books[book].chapters[1].requires[1]: 'book#2' requires itself; remove it from its own requires")
    ]


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ("1, 2, 2", "syllabi[syl].chapters[2].number: chapter 2 comes after chapter 2"),
        ("1, 2, 1", "syllabi[syl].chapters[2].number: chapter 1 comes after chapter 2"),
    ],
    ids=["repeated", "going-back"],
)
def test_a_misnumbered_syllabus_chapter_is_reported_once_not_as_a_cycle(
    data: DataFile, numbers: str, expected: str
) -> None:
    """A syllabus chapter requires the one before it; a chapter numbered out of order must not make
    the chapters require each other in a circle (reported as a prerequisite cycle nobody wrote)."""
    chapters = ", ".join(f"{{number: {n}, title: C{i}}}" for i, n in enumerate(numbers.split(", ")))
    text = (
        "syllabi:\n"  # 8
        '  - {id: syl, title: S, author: A, links: [{kind: code, url: "https://code.example.org/"}],\n'
        f"     chapters: [{chapters}]}}\n"  # 10
    )
    assert data.problems(text) == [data.at(10, f"{expected}; number chapters in increasing order")]


def test_a_requirement_names_a_record_a_listed_chapter_or_a_topic(data: DataFile) -> None:
    text = (
        "courses:\n"  # 8
        + course("alpha", "https://alpha.example.org/", ", requires: [book#1, lm, nope#3, book#9, boook]")  # 9
        + "books:\n"
        + "  - {id: book, group: basics, authors: [A], title: B, language: en, note: 一本书。,\n"
        + "     chapters: [{number: 1, title: One}, {number: 2, title: Two}]}\n"
    )
    assert data.problems(text) == [
        data.at(9, "courses[alpha].requires[2]: unknown requirement 'nope#3': no record, chapter or topic has this id"),
        data.at(9, "courses[alpha].requires[3]: 'book' has no chapter 9 (its chapters: 1, 2)"),
        data.at(
            9,
            "courses[alpha].requires[4]: unknown requirement 'boook': no record, chapter or topic has this id; "
            "did you mean 'book'?",
        ),
    ]


def test_an_unknown_step_is_matched_against_record_ids_only(data: DataFile) -> None:
    """'book1' is closer to the chapter id 'book#1' than to 'book', but a step names a record."""
    text = (
        "books:\n"  # 8
        "  - {id: book, group: basics, authors: [A], title: B, language: en, note: 一本书。,\n"
        "     chapters: [{number: 1, title: One}]}\n"
    )
    assert data.problems(text + path("book1")) == [
        data.at(16, "paths[p].steps[0].record: unknown record 'book1'; did you mean 'book'?")
    ]


def test_a_chinese_aid_at_an_http_address_is_listed_once_too(data: DataFile) -> None:
    body = (
        "courses:\n"  # 8
        + course(
            "alpha",
            "https://alpha.example.org/",
            ', chinese: {checked: "2026-11-01", aids: [{kind: notes, url: "http://cn.example.org/"}, '
            '{kind: notes, url: "http://cn.example.org/"}]}',
        )  # 9
    )
    assert data.problems(body) == [
        data.at(9, "courses[alpha].chinese.aids[1].url: this Chinese aid is already listed at line 9; list it once")
    ]


def test_a_record_without_a_text_id_is_named_none_when_its_address_is_repeated() -> None:
    """The schema reports the id; the address rule still finds the repeat, and has no id to name."""
    text = (
        "courses:\n"  # 8
        '  - {id: 12, links: [{url: "https://alpha.example.org/"}]}\n'
        '  - {id: beta, links: [{url: "https://alpha.example.org/"}]}\n'  # 10
    )
    assert rule_problems(text) == [
        "catalog.yaml:10: ERROR: courses[beta].links[0].url: 'https://alpha.example.org/' is already a link of None "
        "(line 9); if it is the same material, keep one record, otherwise correct the address"
    ]


# -- A path's language and the seed's advice: main courses before paper seminars ------------------

#: The header with a kind of paper seminars (study: reference) and one to choose from (supplementary);
#: a test's text starts on line 10.
KINDS = HEADER.replace(
    "  - {id: core, title: 核心, summary: 主线。, study: main}\n",
    "  - {id: core, title: 核心, summary: 主线。, study: main}\n"
    "  - {id: seminars, title: 研讨课, summary: 论文列表。, study: reference}\n"
    "  - {id: extra, title: 选学, summary: 按需。, study: supplementary}\n",
)
#: Lines 10-18: courses in English (core), in Chinese (core), two paper seminars, one to choose;
#: a book in English with a chapter. A path follows: its steps from line 25 (26 with a language).
MATERIALS = (
    "courses:\n"  # 10
    + course("english", "https://en.example.org/")
    + course("chinese", "https://zh.example.org/").replace("language: en", "language: zh")
    + course("seminar", "https://seminar.example.org/").replace("category: core", "category: seminars")
    + course("seminar-2", "https://seminar2.example.org/").replace("category: core", "category: seminars")
    + course("extra-course", "https://extra.example.org/").replace("category: core", "category: extra")
    + "books:\n"  # 16
    + "  - {id: book, group: basics, authors: [A], title: B, language: en, note: 一本书。,\n"
    + "     chapters: [{number: 1, title: One}]}\n"
)


def language_path(language: str, *steps: str) -> str:
    return path(*steps).replace("    steps:\n", f"    language: {language}\n    steps:\n")


def test_a_path_in_one_language_refuses_a_chapter_of_a_record_in_another(data: DataFile) -> None:
    assert data.problems(MATERIALS + language_path("zh", "chinese", "book#1"), header=KINDS) == [
        data.at(
            26,
            "paths[p].steps[1].record: step 2 ('book') is in 'en', but this path takes only materials in 'zh' "
            "(its `language`); choose a material in that language, or put the step on another path",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        language_path("zh", "chinese"),
        language_path("en", "english", "book#1", "book"),
        path("chinese", "english", "book#1"),  # a path without a language takes any
    ],
    ids=["zh", "en-with-chapter", "no-language"],
)
def test_near_miss_a_path_takes_records_in_its_language_or_any_without_one(data: DataFile, text: str) -> None:
    assert data.problems(MATERIALS + text, header=KINDS) == []


def test_an_unknown_step_on_a_path_in_one_language_is_reported_once(data: DataFile) -> None:
    assert data.problems(MATERIALS + language_path("zh", "nothing", "chinese"), header=KINDS) == [
        data.at(25, "paths[p].steps[0].record: unknown record 'nothing'")
    ]


def test_a_course_to_study_after_a_paper_seminar_is_refused_naming_the_first_seminar(data: DataFile) -> None:
    assert data.problems(MATERIALS + path("seminar", "seminar-2", "english", "chinese"), header=KINDS) == [
        data.at(
            26,
            "paths[p].steps[2].record: step 3 ('english') is a course to study, but comes after step 1 ('seminar'), "
            "whose paper list is reference material; move step 3 before step 1, so the main courses come first",
        ),
        data.at(
            27,
            "paths[p].steps[3].record: step 4 ('chinese') is a course to study, but comes after step 1 ('seminar'), "
            "whose paper list is reference material; move step 4 before step 1, so the main courses come first",
        ),
    ]


@pytest.mark.parametrize(
    "steps",
    [
        ("english", "chinese", "seminar", "seminar-2"),  # main courses first, as the seed advises
        ("english", "seminar", "extra-course", "book"),  # after a seminar: a course to choose, a book
        ("extra-course", "seminar"),
    ],
)
def test_near_miss_paper_seminars_after_the_main_courses_are_accepted(data: DataFile, steps: tuple[str, ...]) -> None:
    assert data.problems(MATERIALS + path(*steps), header=KINDS) == []


def test_print_problems_prints_each_problem_then_the_summary_on_standard_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from llm_catalog.data.problems import print_problems

    print_problems([Problem("a.yaml", 3, "courses[x].id", "bad"), Problem("a.yaml", None, "", "worse")])
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "a.yaml:3: ERROR: courses[x].id: bad",
        "ERROR: a.yaml: worse",
        "ERROR: a.yaml: 2 problems found; fix the lines above. The site is not built while the data file has "
        "problems (`make check` re-checks it quickly).",
    ]


def test_path_rules_skip_values_of_the_wrong_shape_and_check_every_path() -> None:
    text = (
        "courses:\n"  # 10
        "  - {id: english, category: core, language: en}\n"
        "  - {category: seminars, language: zh}\n"  # no id
        "  - {id: seminar, category: seminars}\n"
        "  - {id: chinese, category: core, language: zh}\n"
        "paths:\n"  # 15
        "  - {id: any, steps: [{record: english}]}\n"  # no language: any
        "  - {id: odd, language: 7, steps: [{record: english}]}\n"  # a language that is not text
        "  - {id: zh-only, language: zh, steps: [{record: english}, {record: chinese}]}\n"  # 18
        "  - {id: order, steps: [{record: seminar}, {record: english}]}\n"  # 19
    )
    doc = yamlsource.parse(KINDS + text)
    assert [str(problem) for problem in checks.rule_problems(doc, "catalog.yaml")] == [
        "catalog.yaml:18: ERROR: paths[zh-only].steps[0].record: step 1 ('english') is in 'en', but this path takes "
        "only materials in 'zh' (its `language`); choose a material in that language, or put the step on another path",
        "catalog.yaml:19: ERROR: paths[order].steps[1].record: step 2 ('english') is a course to study, but comes "
        "after step 1 ('seminar'), whose paper list is reference material; move step 2 before step 1, so the main "
        "courses come first",
    ]


# -- Offerings of a course ------------------------------------------------------------------------


def offerings(*items: str) -> str:
    """A course on lines 8-15 whose offerings are listed from line 16, one per line."""
    rows = "".join(f"      - {item}\n" for item in items)
    return (
        "courses:\n"
        "  - id: alpha\n"
        "    category: core\n"
        "    title: Alpha\n"
        "    language: en\n"
        "    note: 一门课。\n"
        '    links: [{kind: site, url: "https://alpha.example.org/"}]\n'
        "    offerings:\n" + rows
    )


def test_offerings_near_misses_are_accepted(data: DataFile, today: date) -> None:
    """This month is not the future; a bare year is not after a month of the same year; equal starts pass."""
    body = offerings(
        '{term: 2024 春, start: "2024-02"}',
        '{term: "2024", start: "2024"}',
        '{term: 2023 秋, start: "2023-09"}',
        '{term: 2023 秋二班, start: "2023-09"}',
        '{term: "2023", start: "2023"}',
    )
    assert data.problems(body) == []


def test_offerings_out_of_order_in_the_future_and_repeated(data: DataFile, today: date) -> None:
    body = offerings(
        '{term: 2024 夏, start: "2024-03"}',
        '{term: "2025", start: "2025"}',
        '{term: 2023 秋, start: "2023-09"}',
        '{term: 2024 春, start: "2024-01"}',
        '{term: 2023秋, start: "2022"}',
    )
    future = "is in the future; list an offering once it has begun, with the month it began"
    assert data.problems(body) == [
        data.at(16, f"courses[alpha].offerings[0].start: '2024-03' {future}"),
        data.at(17, f"courses[alpha].offerings[1].start: '2025' {future}"),
        data.at(
            17,
            "courses[alpha].offerings[1].start: the offering '2025' began on '2025', after the offering '2024 夏' "
            "above it ('2024-03', line 16); list offerings newest first",
        ),
        data.at(
            19,
            "courses[alpha].offerings[3].start: the offering '2024 春' began on '2024-01', after the offering "
            "'2023 秋' above it ('2023-09', line 18); list offerings newest first",
        ),
        data.at(
            20,
            "courses[alpha].offerings[4].term: the term '2023秋' is already an offering at line 18; list each term "
            "once, with all its links",
        ),
    ]


def test_offerings_rules_go_on_past_missing_and_malformed_values(data: DataFile, today: date) -> None:
    """A start that is a number or malformed is the schema's to report; the order is still checked
    past it, an offering without a term is named as such, and the course's own links stay checked."""
    body = offerings(
        '{term: 2022 秋, start: "2022-09"}',
        "{term: 2023 春, start: 2023}",
        '{term: 2023 秋, start: "2023-9"}',
        '{start: "2023-02"}',
    ).replace("https://alpha.example.org/", "https://localhost/")
    assert data.problems(body) == [
        data.at(14, "courses[alpha].links[0].url: 'https://localhost/' has no valid host name"),
        data.at(
            17,
            "courses[alpha].offerings[1].start: expected text, found the number 2023; "
            'put it in quotes to keep it as text, e.g. "2024"',
        ),
        data.at(
            18,
            "courses[alpha].offerings[2].start: the text '2023-9' is not valid: write the year or the year "
            'and month as YYYY or YYYY-MM, e.g. "2025" or "2025-02"',
        ),
        data.at(
            19,
            "courses[alpha].offerings[3].start: this offering began on '2023-02', after the offering "
            "'2022 秋' above it ('2022-09', line 16); list offerings newest first",
        ),
        data.at(
            19,
            "courses[alpha].offerings[3].term: the required field 'term' is missing (这一期的学期或年份，写成"
            "文字，如“2025 春”“2024 秋”“2023”；同一门课的各期不能重复。)",
        ),
    ]


# -- What teaches an unreleased chapter now (taught_by) --------------------------------------------


def _taught(first: str, second: str = "", status: str = "unreleased", other: str = "released") -> str:
    """Syllabi `other` (line 9) and `syl` (its chapter 1's taught_by entries on lines 19-20), a course, a book."""
    second_line = f"      - {{record: {second}, why: 也讲。}}\n" if second else ""
    return (
        "syllabi:\n"  # 8
        '  - {id: other, title: O, author: A, links: [{kind: code, url: "https://o.example.org/"}], '
        "chapters: [{number: 1, title: One, status: " + other + "}]}\n"  # 9
        "  - id: syl\n"  # 10
        "    title: S\n"  # 11
        "    author: A\n"  # 12
        '    links: [{kind: code, url: "https://s.example.org/"}]\n'  # 13
        "    chapters:\n"  # 14
        f"    - number: 1\n      title: One\n      status: {status}\n      taught_by:\n"  # 15-18
        f"      - {{record: {first}, why: 讲这一章。}}\n"  # 19
        + second_line  # 20
        + "courses:\n"
        + course("intro", "https://intro.example.org/", ", topics: [lm]")
        + "books:\n"
        "  - {id: book, group: basics, authors: [A], title: B, language: en, note: 书。, "
        "chapters: [{number: 1, title: One}, {number: 2, title: Two}]}\n"
    )


@pytest.mark.parametrize(
    ("first", "second", "other"),
    [
        ("intro", "", "released"),
        ("book#1", "intro", "released"),
        ("other#1", "book", "released"),  # a released chapter of another syllabus
        ("other", "", "released"),  # a syllabus whose chapters are out
        ("intro", "other#1", ""),  # a chapter of unknown status is not refused
    ],
)
def test_near_miss_taught_by_names_released_records_and_chapters_once(
    data: DataFile, first: str, second: str, other: str
) -> None:
    body = _taught(first, second, other=other or "released")
    if not other:
        body = body.replace(", status: released}", "}")
    assert data.problems(body) == []


def test_a_chapter_that_is_released_may_name_what_else_teaches_it(data: DataFile) -> None:
    assert data.problems(_taught("intro", status="released")) == []


#: A problem message's common start: the chapter's taught_by entry.
_ENTRY = "syllabi[syl].chapters[0].taught_by"


@pytest.mark.parametrize(
    ("first", "second", "line", "text"),
    [
        ("intro", "intra", 20, f"{_ENTRY}[1].record: unknown record 'intra'; did you mean 'intro'?"),
        (
            "lm",
            "",
            19,
            f"{_ENTRY}[0].record: 'lm' is a topic; "
            "name a material that teaches chapter 'syl#1' (a record id or a chapter)",
        ),
        (
            "syl#1",
            "",
            19,
            f"{_ENTRY}[0].record: chapter 'syl#1' names itself; name a released material that teaches it",
        ),
        (
            "syl",
            "",
            19,
            f"{_ENTRY}[0].record: 'syl' is in this chapter's own syllabus 'syl'; name a released material outside it",
        ),
        (
            "book#1",
            "book#2",
            20,
            f"{_ENTRY}[1].record: 'book' is named twice for chapter 'syl#1' (first at line 19); "
            "keep only the better-ranked one",
        ),
        (
            "intro",
            "intro",
            20,
            f"{_ENTRY}[1].record: 'intro' is named twice for chapter 'syl#1' (first at line 19); "
            "keep only the better-ranked one",
        ),
    ],
)
def test_taught_by_refuses_unknown_self_and_repeated_records(
    data: DataFile, first: str, second: str, line: int, text: str
) -> None:
    assert data.problems(_taught(first, second)) == [data.at(line, text)]


def test_taught_by_refuses_an_unreleased_chapter_or_syllabus(data: DataFile) -> None:
    assert data.problems(_taught("other#1", other="unreleased")) == [
        data.at(
            19,
            "syllabi[syl].chapters[0].taught_by[0].record: 'other#1' is not released yet (status: unreleased); "
            "name a material that can be studied now",
        )
    ]
    assert data.problems(_taught("other", other="unreleased")) == [
        data.at(
            19,
            "syllabi[syl].chapters[0].taught_by[0].record: 'other' is not released yet (status: unreleased); "
            "name a material that can be studied now",
        )
    ]


def _path(*steps: str) -> str:
    return "paths:\n  - id: p\n    title: P\n    summary: 一条路线。\n    steps:\n" + "".join(
        f"      - {{{step}, why: 一步。}}\n" for step in steps
    )


def test_a_path_step_on_an_unreleased_chapter_suggests_its_first_released_alternative(data: DataFile) -> None:
    body = _taught("other#1", "book#2", other="released") + _path("record: intro", "record: syl, chapter: 1")
    (problem,) = data.problems(body)
    assert problem.endswith(
        "paths[p].steps[1].record: step 2 ('syl#1') is not released yet; study 'other#1' instead, "
        "the first material its `taught_by` names"
    )


def test_a_path_step_on_an_unreleased_chapter_skips_an_unreleased_alternative(data: DataFile) -> None:
    # The rule for taught_by reports other#1; the path's advice goes to the first released one.
    body = _taught("other#1", "book#2", other="unreleased") + _path("record: syl, chapter: 1")
    problems = data.problems(body)
    assert problems[-1].endswith(
        "step 1 ('syl#1') is not released yet; study 'book#2' instead, the first material its `taught_by` names"
    )


def test_a_path_step_on_a_syllabus_with_nothing_released_is_refused(data: DataFile) -> None:
    body = _taught("intro", other="unreleased") + _path("record: other")
    (problem,) = data.problems(body)
    assert problem.endswith("step 1 ('other') is not released yet; choose a released material that teaches it")


@pytest.mark.parametrize("step", ["record: syl", "record: other, chapter: 1", "record: book, chapter: 1"])
def test_near_miss_a_path_may_take_released_chapters_and_a_partly_released_syllabus(data: DataFile, step: str) -> None:
    body = _taught("intro", status="released") + _path(step)
    assert data.problems(body) == []


# -- Ranges and video totals (each case names the one problem it has) ---------------------------


def effort(parts: str) -> str:
    return f'effort: {{kind: video, {parts}, sources: ["https://a.io"], checked: "2026-11-01"}}'


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        # A range of lengths that does not rise, and the hours it gives.
        (
            "lectures: 10, minutes: 90, minutes_to: 90, hours: 15, hours_to: 15",
            [
                "hours_to: the range 15–15 hours does not rise: hours_to must be more than hours",
                "minutes_to: the range 90–90 minutes does not rise: minutes_to must be more than minutes",
            ],
        ),
        # Parts missing: only the rule that names them speaks (no figure is computed from half).
        (
            "minutes: 90, hours: 15",
            [
                "lectures: write lectures and minutes together (the number of lectures and the stated length of each), "
                "or neither"
            ],
        ),
        (
            "lectures: 3, minutes: 50",
            ["hours: the number of hours is missing: write the video hours (or kind: unknown)"],
        ),
        (
            "lectures: 10, minutes: 90, hours: 15, hours_to: 20",
            ["minutes_to: a range of lecture lengths gives a range of hours: write minutes_to and hours_to together"],
        ),
        (
            "lectures: 10, minutes: 90, minutes_to: 120, hours: 15",
            ["hours_to: a range of lecture lengths gives a range of hours: write minutes_to and hours_to together"],
        ),
        (
            "total_minutes: 211, hours: 3",
            [
                "videos: write videos and total_minutes together (the number of videos and their total length), "
                "or neither"
            ],
        ),
        (
            "videos: 3, hours: 3",
            [
                "total_minutes: write videos and total_minutes together (the number of videos and their total length), "
                "or neither"
            ],
        ),
        (
            "videos: 3, total_minutes: 211",
            ["hours: the number of hours is missing: write the video hours (or kind: unknown)"],
        ),
    ],
)
def test_each_part_of_a_range_or_a_video_total_is_named_once(data: DataFile, parts: str, expected: list[str]) -> None:
    assert data.problems(with_fact(effort(parts))) == [data.at(10, f"courses[alpha].effort.{e}") for e in expected]


@pytest.mark.parametrize("key", ["minutes_to", "hours_to"])
def test_a_range_end_that_is_not_a_number_is_the_schema_s_to_report(data: DataFile, key: str) -> None:
    parts = "lectures: 10, minutes: 90, minutes_to: 120, hours: 15, hours_to: 20".replace(f"{key}: ", f"{key}: x")
    problems = data.problems(with_fact(effort(parts)))
    assert len(problems) == 1 and f"effort.{key}: expected a whole number" in problems[0], problems


def test_a_chinese_aid_s_source_needs_a_host(data: DataFile) -> None:
    aid = 'chinese: {checked: "2026-11-01", aids: [{kind: notes, url: "https://zh.example.org/", sources: ["https://localhost/x"]}]}'
    assert data.problems(with_fact(aid)) == [
        data.at(10, "courses[alpha].chinese.aids[0].sources[0]: 'https://localhost/x' has no valid host name")
    ]


def test_only_addresses_are_held_to_what_an_address_may_hold(data: DataFile) -> None:
    # A note may begin with an address and hold any character; an http:// link may not.
    body = "courses:\n" + course("alpha", "http://alpha.example.org/a|b").replace(
        "一门课。", '"https://x.org/a|b 是笔记。"'
    )
    assert data.problems(body) == [
        data.at(
            9,
            "courses[alpha].links[0].url: 'http://alpha.example.org/a|b' holds '|', which a web address cannot hold: "
            "write it as %7C",
        )
    ]


@pytest.mark.parametrize("url, char", [("http://alpha.example.org/a[1]", "["), ("http://alpha.example.org/a?b=]", "]")])
def test_a_bracket_after_the_host_is_refused(data: DataFile, url: str, char: str) -> None:
    """An EPUB reader refuses such an address and the PDF escapes it: the link a reader gets is not the one written."""
    assert data.problems("courses:\n" + course("alpha", url)) == [
        data.at(
            9,
            f"courses[alpha].links[0].url: {url!r} holds {char!r} after its host name, which a web address cannot "
            f"hold there: write it as %{ord(char):02X}",
        )
    ]


def test_near_miss_brackets_around_an_ipv6_host_pass_this_rule(data: DataFile) -> None:
    problems = data.problems("courses:\n" + course("alpha", "http://[2001:db8::1]/a%5B1%5D"))
    assert not [p for p in problems if "holds" in p], problems


@pytest.mark.parametrize("length", ["一小时", "两个半小时", "90 分钟", "3 hours", "半小时", "１０分钟"])
def test_a_step_reason_that_states_a_length_is_refused(data: DataFile, length: str) -> None:
    """The step shows the record's hours with their source; a length in the reason could say otherwise."""
    text = TEACHING + path("applied").replace("why: 因为。", f"why: {length}的讲座。")
    assert data.problems(text) == [
        data.at(
            21,
            f"paths[p].steps[0].why: the reason states a length ({length!r}); say why the step is here and leave "
            "its length to the record's effort, which the step shows with its source",
        )
    ]


@pytest.mark.parametrize(
    "why", ["第一讲就讲清反向传播。", "三门课里最短的一门。", "2025 春有公开录像。", "讲 Transformer 的一章。"]
)
def test_near_miss_a_step_reason_with_numbers_but_no_length_passes(data: DataFile, why: str) -> None:
    assert data.problems(TEACHING + path("applied").replace("why: 因为。", f"why: {why}")) == []


# -- Research vocabulary in the guide's own words (labels.RESEARCH_WORDS) ---------------------------


def research_problem(field: str, word: str) -> str:
    """What `make check` says of *word* in *field*: the reason and the alternative of its entry."""
    (entry,) = [entry for entry in labels.RESEARCH_WORDS if word in entry.words]
    return (
        f"{field}: {word!r} tells how a fact was researched ({entry.reason}); instead, {entry.instead}; "
        "the research story goes in _data/research/"
    )


#: One case per refused word, computed from the list.
RESEARCH_CASES = [word for entry in labels.RESEARCH_WORDS for word in entry.words]


@pytest.mark.parametrize("word", RESEARCH_CASES)
def test_each_research_word_in_a_note_is_refused_with_what_to_write_instead(data: DataFile, word: str) -> None:
    fact = f'cost: {{value: unknown, checked: "2026-11-01", note: 官方页面{word}。}}'
    assert data.problems(with_fact(fact)) == [data.at(10, research_problem("courses[alpha].cost.note", word))]


def test_the_research_words_are_each_listed_once_with_a_reason_and_an_alternative() -> None:
    assert len(RESEARCH_CASES) == len(set(RESEARCH_CASES))
    for entry in labels.RESEARCH_WORDS:
        assert entry.words and entry.reason and "e.g. “" in entry.instead, entry


@pytest.mark.parametrize(
    "note",
    [
        "时长未确认。",
        "没有找到中文字幕或翻译。",
        "第三章讲注意力。",
        "存储优化与部署。",
        "所以按课堂时间计。",
        "可以查看课件。",
    ],
)
def test_near_miss_a_note_in_the_reader_s_words_is_accepted(data: DataFile, note: str) -> None:
    assert data.problems(with_fact(f'cost: {{value: unknown, checked: "2026-11-01", note: {note}}}')) == []


def test_every_text_in_the_guide_s_own_words_is_held_to_it_and_titles_quotes_and_keywords_are_not(
    data: DataFile,
) -> None:
    header = HEADER.replace("summary: 主线。", "summary: 第三方说的主线。, slides: 第三方课件")  # line 2
    body = (
        "courses:\n"  # 8
        "  - id: alpha\n"
        "    category: core\n"
        "    title: Alpha 第三方\n"  # a title is the material's own name
        "    language: en\n"
        "    note: 第三方课程。\n"  # 13
        "    parts: [{title: P, note: 第三方单元。}]\n"  # 14
        '    offerings: [{term: 2024 春, start: "2024", note: 第三方一期。}]\n'  # 15
        '    links: [{kind: site, label: 第三方网站, url: "https://alpha.example.org/"}]\n'  # 16
        '    cost: {value: free, sources: ["https://alpha.example.org/"], quote: 第三方, checked: "2026-11-01"}\n'
        '    chinese: {checked: "2026-11-01", aids: [{kind: notes, url: "https://zh.example.org/", '
        "by: 第三方作者, follows: 第三方版本}], unconfirmed: [{kind: notes, name: 第三方笔记}]}\n"  # 18
        "syllabi:\n"
        '  - {id: syl, title: S, author: A, links: [{kind: code, url: "https://code.example.org/"}],\n'
        "     chapters: [{number: 1, title: One, keywords: 第三方要点,\n"
        "                 taught_by: [{record: alpha, why: 第三方理由。}]}],\n"
        "     further: [{title: F, detail: 第三方细节。}]}\n"  # 23
        "paths:\n"
        "  - {id: route, title: 路线, summary: 第三方路线。, steps: [{record: alpha, why: 第三方理由。}]}\n"  # 25
    )
    fields = [
        (2, "categories[core].summary"),
        (2, "categories[core].slides"),
        (13, "courses[alpha].note"),
        (14, "courses[alpha].parts[0].note"),
        (15, "courses[alpha].offerings[0].note"),
        (16, "courses[alpha].links[0].label"),
        (18, "courses[alpha].chinese.aids[0].by"),
        (18, "courses[alpha].chinese.aids[0].follows"),
        (18, "courses[alpha].chinese.unconfirmed[0].name"),
        (22, "syllabi[syl].chapters[0].taught_by[0].why"),
        (23, "syllabi[syl].further[0].detail"),
        (25, "paths[route].summary"),
        (25, "paths[route].steps[0].why"),
    ]
    assert sorted(data.problems(body, header=header)) == sorted(
        data.at(line, research_problem(field, "第三方")) for line, field in fields
    )


def test_what_a_workload_says_is_the_guide_s_own_words_too(data: DataFile) -> None:
    fact = 'workload: {says: 第三方说作业很多。, sources: ["https://alpha.example.org/"], checked: "2026-11-01"}'
    assert data.problems(with_fact(fact)) == [data.at(10, research_problem("courses[alpha].workload.says", "第三方"))]


@pytest.mark.parametrize(
    ("fact", "problem"),
    [
        # Without a source: left out, never written as unknown.
        (
            'workload: {says: 每周作业约 10 小时。, checked: "2026-11-01"}',
            'courses[alpha].workload.sources: this workload has no source: add sources: ["https://..."] with the '
            "page it was read on (or leave workload out when no page states it)",
        ),
        # Written as unknown: refused, since a reader would see the word.
        (
            'workload: {says: unknown, sources: ["https://alpha.example.org/"], checked: "2026-11-01"}',
            "courses[alpha].workload.says: this workload cannot be unknown (a reader would see the word): "
            "leave workload out when no page states it",
        ),
    ],
)
def test_a_workload_no_page_states_is_left_out(data: DataFile, fact: str, problem: str) -> None:
    assert data.problems(with_fact(fact)) == [data.at(10, problem)]


def test_one_problem_per_entry_a_text_meets_naming_its_first_word(data: DataFile) -> None:
    # 第三方 and 摘要页 are one entry (第三方 is named); 所以不 and 不采用 are two more.
    fact = 'effort: {kind: unknown, checked: "2026-11-01", note: 第三方摘要页说约 4 小时，所以不采用。}'
    assert sorted(data.problems(with_fact(fact))) == sorted(
        data.at(10, research_problem("courses[alpha].effort.note", word)) for word in ("第三方", "不采用", "所以不")
    )


# -- A resource's year: a fact with its sources ---------------------------------------------------


def resource_with(year: str) -> str:
    """A resource whose ``year`` mapping holds *year*, on line 10."""
    return (
        "resources:\n"  # 8
        '  - {id: talk, kind: video, title: Talk, note: 一讲。, links: [{kind: video, url: "https://v.example.org/"}],\n'
        f"     year: {{{year}}}}}\n"  # 10
    )


@pytest.mark.parametrize(
    "year",
    [
        'value: 2024, sources: ["https://github.com/a/b/commit/1"], checked: "2024-02-29"',  # read the same year
        'value: 1999, sources: ["https://a.example.org/"], quote: first edition, checked: "2024-01-01", note: 初版。',
    ],
)
def test_near_miss_a_resource_s_year_with_its_source_up_to_the_year_it_was_read(
    data: DataFile, today: date, year: str
) -> None:
    assert data.problems(resource_with(year)) == []


def test_a_resource_s_year_needs_its_source(data: DataFile) -> None:
    assert data.problems(resource_with('value: 2024, checked: "2024-01-01"')) == [
        data.at(
            10,
            'resources[talk].year.sources: this year has no source: add sources: ["https://..."] with the page it '
            "was read on (or leave year out when no page states it)",
        )
    ]


def test_a_resource_s_year_is_not_after_the_day_its_source_was_read(data: DataFile) -> None:
    year = 'value: 2025, sources: ["https://a.example.org/"], checked: "2024-12-31"'
    # The resource's other facts come first and are no year: the rule goes on to its year.
    cost = 'cost: {value: free, sources: ["https://a.example.org/"], checked: "2024-12-31"}, year'
    assert data.problems(resource_with(year).replace("year", cost, 1)) == [
        data.at(
            10,
            "resources[talk].year.value: the year 2025 is after the day its source was read (2024-12-31, checked): "
            "write the year the page states, or the day you read it",
        )
    ]


def test_a_resource_s_year_is_held_to_the_rules_of_every_fact(data: DataFile, today: date) -> None:
    year = 'value: 2024, sources: ["https://hackmd.io/@x/y", "https://localhost/x"], checked: "2024-03-01"'
    why = refused.REFUSED_SOURCE_HOSTS["hackmd.io"]
    assert data.problems(resource_with(year)) == [
        data.at(10, "resources[talk].year.checked: '2024-03-01' is in the future; write the day the source was read"),
        data.at(
            10,
            f"resources[talk].year.sources[0]: 'https://hackmd.io/@x/y' is on hackmd.io, {why.reason}; "
            f"cite {why.instead} instead, or leave the source out",
        ),
        data.at(10, "resources[talk].year.sources[1]: 'https://localhost/x' has no valid host name"),
    ]


def test_a_book_s_year_is_a_number_and_a_resource_s_is_a_fact_with_sources(data: DataFile) -> None:
    book = "books:\n  - {id: book, group: basics, authors: [A], title: B, language: en, note: 一本书。, year: 2024}\n"
    assert data.problems(book) == []
    resource = resource_with("").replace("year: {}", "year: 2024")
    (problem,) = data.problems(resource)
    assert problem.startswith(
        data.at(10, "resources[talk].year: expected a mapping of fields (name: value), found the number 2024 (")
    )
