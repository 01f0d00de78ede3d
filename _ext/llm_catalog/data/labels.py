"""Chinese reader-facing labels for the enumerated values of the catalog schema.

Every Chinese word of the extension lives here: the cards' and pages' words, and at the end the
research vocabulary that `make check` refuses in the guide's own texts (:data:`RESEARCH_WORDS`).
"""

from __future__ import annotations

from typing import NamedTuple

LINK_KINDS = {
    "site": "网站",
    "slides": "课件",
    "video": "视频",
    "code": "代码",
    "reading-list": "阅读列表",
    "platform": "课程平台",
    "wiki": "知识库",
}

LEVELS = {
    "high-school": "高中及以上",
    "undergraduate": "本科",
    "graduate": "研究生",
    "undergraduate-graduate": "本科及研究生",
    "general": "零基础",
    "practitioner": "开发者",
}

#: Levels a beginner can start at; search finds their records under :data:`BEGINNER` too.
BEGINNER_LEVELS = frozenset({"high-school", "general"})
BEGINNER = "入门"
#: A record's name in the search index: its title, SEARCH_SEPARATOR, its search words joined
#: by SEPARATOR (full-width, so no title or word holds it; see site/searchwords.py).
SEARCH_SEPARATOR = "｜"
#: Among a record's search words: a study path that recommends it (llm-search-zh.js ranks a
#: record recommended by more paths first among equals).
SEARCH_PATH = "学习路线：{title}"
#: How a learner says "built from scratch" (a space stands for any spacing, none included: 从 0
#: is also 从0). A record whose title, note or workload says one of them counts as built from
#: scratch (site/words.py); in a query or a page's text each of them is the first.
FROM_SCRATCH = ("从零", "从 0", "从头", "from scratch")
#: The search word of a record built from scratch (it holds FROM_SCRATCH[0], so every way of
#: saying it finds the record).
FROM_SCRATCH_WORD = "从零开始"

LANGUAGES = {"en": "英文", "zh": "中文"}

STUDY = {
    "main": "主要学习",
    "reference": "参考其论文列表",
    "supplementary": "按需选学",
}

FORMATS = {
    "course": "课程",
    "website": "网站",
    "newsletter": "通讯",
    "event": "活动",
}

RESOURCE_KINDS = {
    "list": "精选列表",
    "research": "研究网页",
    "video": "视频",
    "wiki": "社区知识库",
}

#: The domain's name in the index and search results.
DOMAIN = "资料目录"

CHAPTER_STATUS = {
    "released": "已发布",
    "unreleased": "未发布",
}

#: What a syllabus chapter of each status tells the reader to do.
CHAPTER_STATUS_HINT = {
    "released": "",
    "unreleased": "本章只有大纲，材料尚未发布；可先学下面的相关材料",
}
#: On the card of a course whose syllabus is wholly unreleased (it cannot be studied yet).
RECORD_UNRELEASED_HINT = "课程还在制作，现在只有教学大纲；大纲各章可以先用“现在可以学”列出的已发布材料学"
#: The hint of an unreleased chapter that names what teaches it now.
CHAPTER_UNRELEASED_TAUGHT = "本章只有大纲，材料尚未发布；可先学下面“现在可以学”的已发布材料"
#: The ranked released materials that teach an unreleased chapter now (taught_by).
CHAPTER_TAUGHT_NOW = "现在可以学："
CHAPTER_TAUGHT_NOTE = "（按推荐顺序；排序和理由是本指南收录者的判断）"
#: The mark beside each of them: it can be studied now.
TAUGHT_AVAILABLE = "已发布，可学"

CHAPTER_STATUS_LABEL = "状态："
STATUS_SUMMARY_LABEL = "各章状态："
STATUS_SUMMARY = "共 {total} 章：{counts}。"
STATUS_COUNT = "{count} 章{status}"
STATUS_UNKNOWN_COUNT = "{count} 章状态不详"

#: Punctuation the issue-11 texts are assembled with.
OPEN_PAREN = "（"
CLOSE_PAREN = "）"
CLAUSE_SEPARATOR = "，"
ITEM_SEPARATOR = "；"
FULL_STOP = "。"

#: A link the weekly check found dead: the archived copy comes first.
DEAD_LINK_ARCHIVE = "{label}（存档副本）"
DEAD_LINK = "原链接已失效"
LAST_SEEN = "最后一次确认可用：{date}"
LAST_SEEN_UNKNOWN = "最后可用日期不详"
NO_ARCHIVE = "暂无存档副本"
ORIGINAL_LINK = "原链接"

#: Open data and the feed: the 最近收录 page and the Atom feed's own words.
RECENT_TITLE = "最近收录"
RECENT_EMPTY = "暂时还没有新收录的条目。"
#: A day in words: "2026 年 12 月 1 日" (the 最近收录 page and the feed read in a browser).
RECENT_DATE = "{year} 年 {month} 月 {day} 日"
#: The heading of one day's records, counting every record added that day: "2026 年 12 月 1 日，新增 3 项".
RECENT_DAY = "{date}，新增 {count} 项"
#: After the heading of the day where the list is cut: how many of that day's records it lists.
RECENT_DAY_PART = "（这里列出其中 {shown} 项）"
#: Above a list that is cut: how many records it lists, of how many.
RECENT_SHOWN = "有收录日期的条目共 {total} 项，这里只列出最新的 {shown} 项"
#: ... then, where the open data is published, where all of them are: "...都在开放数据 catalog.json 里".
RECENT_SHOWN_ALL = "；全部 {total} 项连同收录日期都在开放数据 "
RECENT_SHOWN_ALL_END = " 里"
RECENT_TYPE = "{type}："
RECENT_FEEDS = "订阅："
RECENT_FEED = "用阅读器订阅 "
RECENT_DATA = "，新收录的条目会自动出现在你的阅读器里；全部条目也可以下载为开放数据 "
FEED_TITLE = "{project}：最近收录"
FEED_SUMMARY = "{type}：{note}"
FEED_SUBTITLE = "新收录的课程、大纲、课本和资源，按收录日期从新到旧排列。"
#: feed.xml opened in a browser (feed.xsl lays it out as a page): what a feed is, how to subscribe.
FEED_PAGE_ABOUT = "这是什么"
FEED_PAGE_WHAT = "这是本指南的订阅源（Atom 格式），是写给 RSS 阅读器读的；用浏览器打开时，它被排成了这个页面。"
FEED_PAGE_HOW = (
    "订阅方法：在你常用的 RSS 阅读器里选“添加订阅”，粘贴订阅地址。"
    "以后本指南新收录的课程、大纲、课本和资源会自动出现在阅读器里，不用再回来查看。"
)
FEED_PAGE_ADDRESS = "订阅地址："
#: ... where the feed does not know its own address (a local build).
FEED_PAGE_ADDRESS_HERE = "订阅地址就是浏览器地址栏里这个页面的网址。"
#: {link}: the 最近收录 page (RECENT_TITLE).
FEED_PAGE_RECENT = "在网站上按日期分组浏览：“{link}”页面。"
FEED_PAGE_ENTRIES = "最近收录的 {count} 项"
#: {limit}: how many records the feed holds at most (RECENT_SHOWN); {link}: catalog.json.
FEED_PAGE_ALL = "订阅源只含最新收录的条目（最多 {limit} 项）；全部条目连同收录日期都在开放数据 {link} 里。"

#: In the PDF, after every reference to a card or category: the page it is printed on.
PAGE_REFERENCE = "（见第 {page} 页）"

#: Object types of the domain, as shown in the index and search results.
OBJECT_TYPES = {
    "category": "课程类别",
    "course": "课程",
    "syllabus": "教学大纲",
    "book": "课本",
    "resource": "资源",
    "path": "学习路线",
}

# -- The states of a fact: one vocabulary ----------------------------------------------------

#: A fact (cost, hours, Chinese aids) is never looked at, looked at but not confirmed (the card's
#: 查证说明 say why), or known (its value, with 依据). These are the only words for the first two,
#: on cards, 找资料's rows and its explanation, the paths, print and the scripts.
STATE_UNCHECKED = "未查"
STATE_UNCONFIRMED = "未确认"
FACT_NAMES = {"cost": "费用", "effort": "时长", "chinese": "中文资料", "year": "年份"}
#: Either of the two, where a count cannot tell them apart (a script's total).
STATE_EITHER = f"{STATE_UNCHECKED}或{STATE_UNCONFIRMED}"


def fact_state(fact: str, state: str) -> str:
    """费用未查, 时长未确认 ...: a fact's name and its state."""
    return FACT_NAMES[fact] + state


#: Before what a course states beyond its lectures and videos (homework, projects, GPU compute).
WORKLOAD_LABEL = "课外："
WORKLOAD_FACT = "课外"
#: What the hours of a total or a pace answer are, and what they leave out.
HOURS_COUNT = "小时数只算视频、课堂或课程自己给出的学习时间；作业、项目和 GPU 算力另算，课程写明的见卡片上的“课外”。"
#: How a length is written in Chinese text (make check finds one in a path step's reason): the
#: numerals, the measure word between a number and its unit, and the units.
LENGTH_NUMERALS = "０１２３４５６７８９一二两三四五六七八九十百半几"
LENGTH_MEASURE = "个"
LENGTH_UNITS = ("小时", "分钟", "钟头")
#: Once per card, after its facts: the month of the oldest check of them.
FACTS_CHECKED = "（{month} 查证）"

# -- Facets (cost, effort, Chinese access, format) and the filter ---------------------------

COSTS = {
    "free": "免费",
    "free-to-audit": "可免费旁听",
    "paid": "付费",
}
#: Every value of a cost in the data file, as a card says it ("unknown": looked, not confirmed).
COST_VALUES = {**COSTS, "unknown": fact_state("cost", STATE_UNCONFIRMED)}
#: Nobody has looked at the cost yet.
COST_UNKNOWN = fact_state("cost", STATE_UNCHECKED)
#: After a fact derived by a stated rule (derive.py) rather than read: "公开视频，免费观看（由链接推断）".
DERIVED = "（由链接推断）"
#: Each cost rule of derive.py (by its id): what a card says, and why it follows (the card's notes).
DERIVED_COSTS = {
    "public-video": ("公开视频，免费观看", "链接是视频网站上公开的视频或播放列表，任何人都可以免费观看"),
    "public-repository": ("公开仓库，免费阅读", "链接是 GitHub 上的公开仓库，任何人都可以免费阅读和下载"),
    "arxiv-paper": ("arXiv 论文，免费阅读", "链接是 arXiv 上的论文，任何人都可以免费阅读"),
    "open-course-page": ("课程网站公开，免费阅读", "链接是大学网站上的课程主页，不用登录就能打开"),
}
#: In a derived fact's note: the day the weekly link check last reached the link.
DERIVED_REACHED = "（链接 {checked} 确认可用）"

#: Hours of each kind, as a card and a path say them.
EFFORT_KINDS = {
    "video": "约 {hours} 小时视频",
    "class": "约 {hours} 小时课堂时间",
    "stated": "约 {hours} 小时（课程给出）",
    "unknown": fact_state("effort", STATE_UNCONFIRMED),
}
#: A derived figure shows its derivation: "17 讲 × 80 分钟 ≈ 23 小时视频".
EFFORT_DERIVED = "{lectures} 讲 × {minutes} 分钟 ≈ {figure}"
#: The figure inside a derivation (the kind's words without the leading "约 ").
EFFORT_DERIVED_FIGURE = {
    "video": "{hours} 小时视频",
    "class": "{hours} 小时课堂时间",
    "stated": "{hours} 小时",
}
#: Lengths added up from the videos themselves (video-lengths): "3 个视频共 4 小时 31 分钟".
EFFORT_VIDEOS = "{videos} 个视频共 {duration}"
EFFORT_ONE_VIDEO = "视频时长 {duration}"
DURATION = "{hours} 小时 {minutes} 分钟"
DURATION_HOURS = "{hours} 小时"
DURATION_MINUTES = "{minutes} 分钟"
#: Between the ends of a range: "15–20 小时".
RANGE = "{low}–{high}"
#: Nobody has looked at the hours yet.
EFFORT_UNKNOWN = fact_state("effort", STATE_UNCHECKED)
PAGES = "{count} 页"

#: Chinese aids as a card names them.
AID_KINDS = {
    "subtitles": "中文字幕",
    "translation": "中文翻译",
    "notes": "中文笔记",
    "video-mirror": "视频搬运",
}
#: The record itself is in Chinese.
IN_CHINESE = "中文原版"
#: Not in Chinese and nobody has looked for Chinese aids yet.
NO_CHINESE = fact_state("chinese", STATE_UNCHECKED)
#: Someone looked for Chinese aids and found none (a known fact: the card says when it was checked).
NO_CHINESE_FOUND = "暂无中文资料"
#: Someone heard of a Chinese aid but could not confirm it (``chinese.unconfirmed``).
CHINESE_UNCONFIRMED = fact_state("chinese", STATE_UNCONFIRMED)
#: In the 查证说明: what the unconfirmed aids may be, each its kind and name.
CHINESE_CANDIDATES = "可能有{candidates}"
CHINESE_CANDIDATE = "{kind}“{name}”"
CHINESE_LABEL = "中文资料："
#: Made by / follows, after an aid's name.
AID_BY = "{by} 制作"
AID_FOLLOWS = "对应 {follows}"
#: Who made an aid and what it follows, after its name; between two aids.
AID_DETAILS = "（{details}）"
AID_DETAIL_SEPARATOR = "，"
AID_SEPARATOR = "；"

#: The link to where a fact was read ("依据"), numbered when there are several.
SOURCE = "依据"
SOURCE_NUMBERED = "依据{number}"
#: A source link's accessible name: what the fact is, and the site it was read on.
SOURCE_NAME = "“{fact}”的依据：{host}（{checked} 查证）"
#: The same for a fact derived from a link nobody has yet reached (no day to name): says so.
SOURCE_NAME_UNDATED = "“{fact}”的依据：{host}（链接尚未核对）"
#: Notes on the facts of a card: a disclosure on the web, a paragraph in print.
FACT_NOTES = "查证说明"
#: Print: a card's 查证说明 in one paragraph.
FACT_NOTES_INLINE = "{title}：{notes}"
FACT_NOTES_SEPARATOR = "；"
FACT_NOTE = "{fact}：{note}"
FACT_NOTE_CHECKED = "（{checked} 查证）"

#: Formats the filter derives from link kinds (see facets.formats).
FACET_FORMATS = {
    "video": "视频",
    "slides": "课件",
    "code": "代码",
    "reading-list": "阅读列表",
    "book": "书",
}

#: What the data says of a record's GitHub repository (facets.freshness; see freshness.py).
FRESHNESS = {
    "active": "仍在更新",
    "stale": "超过一年未更新",
    "archived": "仓库已归档",
}
#: On the card (and in print): an archived repository, or the month of the last push.
REPOSITORY_ARCHIVED = "仓库已归档"
REPOSITORY_STALE = "超过一年未更新（最近 {month}）"

FILTER = {
    "form": "筛选资料",
    "facets": {
        "level": "程度",
        "lang": "中文",
        "format": "形式",
        "cost": "费用",
        "year": "年份",
        "topic": "主题",
        "fresh": "仓库",
    },
    #: A year's box: "2025 年".
    "year": "{year} 年",
    "in-chinese": "可用中文学习",
    "unknown": "未标注",
    #: The box of the records whose value of that facet is unknown, where it is a fact's state.
    "unknown_of": {"cost": fact_state("cost", STATE_EITHER), "year": fact_state("year", STATE_EITHER)},
    "count": "符合条件 {shown} / {total} 项",
    #: Below the count, for each facet whose ticked boxes hide records whose value of that facet
    #: is unknown ({unknown}: :func:`facet_unknown`), with a button that ticks its unknown box too.
    "dropped": "另有 {count} 项{unknown}",
    "include": "一并列出",
    #: On a phone, under a long facet's first boxes: show the other {count}, and hide them again.
    "unfold": "更多（{count}）",
    "fold": "收起",
    "more": "再列出 {next} 项（已列出 {listed} / {shown} 项）",
    "clear": "清除全部条件",
    "ignored": "网址里有无法识别的筛选条件，已忽略：{items}",
    "hint": "同一组内勾选多项表示“任一即可”，不同组之间表示“同时满足”。"
    "某项信息不明的资料（如“未标注”“费用未查或未确认”），只在勾选该组对应的那一项时出现；"
    "结果上方会写明另有几项因此没有列出。",
    "empty": "没有同时符合这些条件的资料。可以去掉一些条件，或清除全部条件。",
}


def facet_unknown(key: str) -> str:
    """A record's unknown value of facet *key*, in words of its own: a fact's state where the facet
    is a fact (费用未查或未确认, 年份未查或未确认), else the facet's name and 未标注 (程度未标注)."""
    return FILTER["unknown_of"].get(key) or FILTER["facets"][key] + FILTER["unknown"]


#: The print table of materials that can be studied in Chinese.
CHINESE_TABLE_COLUMNS = ("资料", "类型", "中文学习途径")

#: Which schema property each label table describes (checked by the tests).
SCHEMA_ENUMS = {
    ("link", "kind"): LINK_KINDS,
    ("course", "level"): LEVELS,
    ("language", None): LANGUAGES,
    ("category", "study"): STUDY,
    ("course", "format"): FORMATS,
    ("resource", "kind"): RESOURCE_KINDS,
    ("cost", "value"): COST_VALUES,
    ("effort", "kind"): EFFORT_KINDS,
    ("chineseAid", "kind"): AID_KINDS,
    ("unconfirmedAid", "kind"): AID_KINDS,
    ("chapter", "status"): CHAPTER_STATUS,
}

# -- The words of the cards, the syllabus and the categories table -------------------------
# Every reader-facing word the extension writes lives here; render.py only arranges them.

#: Separates the details of a card (institution · code · term ...).
SEPARATOR = " · "
#: Separates the items of a list inside one sentence (authors, instructors, topics).
LIST_SEPARATOR = "、"
LINKS = "链接："
ARCHIVED_COPY = "存档"
LINKS_CHECKED = "链接核对于 {date}"
TOPICS = "主题："
INSTRUCTORS = "主讲："
LEVEL = "适合："
LANGUAGE = "语言："
SYLLABUS = "教学大纲"
#: A course taught more than once: the newest offering's note, and the earlier ones (往期).
OFFERING_NOTE = "最新一期（{term}）：{note}"
PAST_OFFERINGS = "往期（{count} 期）"
#: Print lists every offering, the newest first.
ALL_OFFERINGS = "各期（共 {count} 期，最新的在前）"
OFFERING = "{term}："
COURSE_CARD = "课程卡片"
CHAPTER = "第 {number} 章"
BOOK_CHAPTER_SLIDES = "（课件：{titles}；pptx、pdf）"
#: A book's publisher and year of publication: "Manning，2024 年".
PUBLICATION_SEPARATOR = "，"
YEAR = "{year} 年"
CHAPTER_KEYWORDS = "要点："
CHAPTER_RELATED = "相关材料："
CHAPTER_NOT_COVERED = "本指南暂未收录"
FURTHER_TOPICS = "待编入各章的补充主题"
#: Column headings of the categories table, with their relative widths in print.
CATEGORY_COLUMNS = (("类别", 24), ("说明", 32), ("课件", 22), ("学习建议", 12), ("条目数", 10))
#: An empty cell of the categories table.
NONE = "—"
#: Separates related materials, whose titles may contain the list separator.
ITEM_SEPARATOR = "；"
#: Chinese parentheses, around a link's language or beside a link its archived copy.
OPEN_PAREN, CLOSE_PAREN = "（", "）"
#: A title followed by what it is about (a course part, a further topic).
TITLE_DETAIL = "{title}：{detail}"
#: A numbered chapter with its title (of a book or a syllabus).
CHAPTER_HEADING = "第 {number} 章　{title}"

# -- Sentences of the pages' prose, made from the words above ----------------------------------


def _quoted(*words: str) -> str:
    return "、".join(f"“{word}”" for word in words)


#: ``{llm:words}`fact-states``` and the like: prose that names the words the pages use, made from
#: them, so an explanation never names a word no page shows.
GUIDE = {
    "fact-states": (
        f"没有人查过的写作{_quoted(COST_UNKNOWN, EFFORT_UNKNOWN, NO_CHINESE)}；"
        f"查过但没能确认的写作{_quoted(COST_VALUES['unknown'], EFFORT_KINDS['unknown'])}，"
        f"原因写在卡片的“{FACT_NOTES}”里；查过、没有找到中文资料的写作“{NO_CHINESE_FOUND}”。"
        f"每张卡片在这些事实后面写一次查证的月份，例如“{FACTS_CHECKED.format(month='2026-12')}”。"
        f"筛选费用时，未查和未确认的都归入“{FILTER['unknown_of']['cost']}”。"
    ),
}

# -- Prerequisites, study paths and progress -------------------------------------------------

#: Words of the study paths, the prerequisite graph and the syllabus' ranked lists.
PATHS = {
    "hours": "约 {hours} 小时",
    "hours_unknown": EFFORT_UNKNOWN,
    "why": "为什么在这里：",
    "requires": "先修：",
    "any_topic": "任一讲“{topic}”的材料",
    "study": "学习建议：",
    "total": "共 {steps} 步",
    "total_hours": "合计约 {hours}",
    #: Hours add up by kind, in this order; the kinds are joined by total_plus.
    "total_kind": {"video": "{hours} 小时视频", "class": "{hours} 小时课堂时间", "stated": "{hours} 小时（课程给出）"},
    "total_plus": " + ",
    "total_pages": "另有 {pages} 页书",
    "total_unchecked": "{count} 步" + EFFORT_UNKNOWN,
    "total_unconfirmed": "{count} 步" + fact_state("effort", STATE_UNCONFIRMED),
    "language_count": "本指南目前共收录 {total} 项{language}材料，这条路线用到其中 {used} 项。",
    "related_more": "更多（{count} 项）",
    "related_more_print": "另有 {count} 项相关材料，见网页版。",
    "related_more_rest": "另有 {count} 项相关材料未列出，可在“找资料”页按主题筛选。",
    "graph_alt": "先修关系图：箭头从先学的内容指向后学的内容；图下方的列表给出同样的关系。",
    "graph_phone_note": "在手机上，关系图缩小到屏幕宽度，可以用两指放大；下面的“{list}”列出同样的关系。",
    "graph_missing": "（先修关系图需要 Graphviz 才能画出；下面的列表给出同样的关系。）",
    "graph_list_title": "先修关系一览",
    "graph_list_needs": "先学：",
    "topics_title": "按主题找先修材料",
    "topic_teachers": "讲这个主题的材料（越专门的越靠前）：",
    "topic_teachers_rest": "；另有 {count} 项，可在“找资料”页按主题筛选。",
    "topic_node": "主题：{title}",
    "topic_heading": "{title}：",
    "needs_arrow": " ← ",
}

#: Words the progress script shows (passed to it as JSON; placeholders in braces).
PROGRESS = {
    "done": "已学完",
    "done_of_title": "：{title}",
    "summary_done": "已完成 {done}/{total}",
    "summary_hours": " · 约 {done}/{total} 小时",
    "summary_unknown": "（{count} 项" + fact_state("effort", STATE_EITHER) + "）",
    "summary_all_unknown": "（时长都" + STATE_EITHER + "）",
    "tools_title": "学习进度",
    "tools_note": (
        "进度只保存在这台设备的浏览器里（不需要账号）。导出为文件可以备份，"
        "或在另一台设备上导入；导入会替换这里已有的进度。"
    ),
    "export": "导出进度",
    "import": "导入进度",
    "exported": "已导出 {count} 项进度。",
    "imported": "已导入 {count} 项进度。",
    "import_refused": "无法导入：{why}。进度没有改变。",
    "import_not_json": "这不是 JSON 文件",
    "import_not_object": "文件内容不是进度记录",
    "import_foreign": "这不是本指南导出的进度文件",
    "import_version": "进度文件的版本不受支持",
    "import_no_done": "文件中没有进度列表",
    "import_bad_entry": "文件中有无法识别的条目 {id}",
    "import_too_big": "文件太大",
    "import_unreadable": "无法读取文件",
    "pace_label": "每周学习小时数",
    "pace_hint": "填写每周能学习几小时，估算学完这条路线要几周（只保存在这台设备的浏览器里）。" + HOURS_COUNT,
    "pace_weeks": "按每周 {per_week} 小时，剩下已知时长的 {hours} 小时约需 {weeks} 周{unknown}。",
    "pace_unknown": "；另有 {count} 步" + fact_state("effort", STATE_EITHER) + "，未计入",
    "pace_none": "剩下的各步时长都" + STATE_EITHER + "，还无法估算周数。",
    "pace_done": "这条路线已全部学完。",
    "pace_invalid": "请输入 1 到 80 之间的整数；没有保存。",
    "next_title": "下一步",
    "next_label": "选择目标（学习路线、大纲章节或任一材料）",
    #: 下一步's goals: a group per path (the whole path, then its steps), then the rest.
    "next_path_group": "学习路线：{title}",
    "next_whole_path": "{title}（整条路线）",
    "next_goal_unreleased": "{title}" + OPEN_PAREN + CHAPTER_STATUS["unreleased"] + CLOSE_PAREN,
    "next_records": "其他课程、课本和资源",
    "next_none": "这个目标需要的内容都已学完。",
    "next_count": "还需学完 {count} 项",
    "next_hours": " · 约 {hours} 小时",
    "next_unreleased": "；另有 {count} 章未发布，它前面列出了现在可以先学的材料",
    "unreleased": "未发布",
    "unreleased_instead": "（可先学：",
    "unreleased_none": "（还没有可以替代的已发布材料）",
    "close_paren": "）",
    "step_hours": "（约 {hours} 小时）",
    "any_of": "任选其一学完“{topic}”：",
    "any_sep": "、",
    "any_more": " 等 {count} 项（见“先修关系图”下的主题列表）",
}

#: The search page (search/static/llm-search-zh.js fills in the {placeholders}): the summary
#: counts materials and pages apart; a search that finds nothing says so and shows the way back
#: ({home}: a link to the home page); a query holding ``newest`` lists the materials it finds
#: newest first, and alone, every material with a year.
SEARCH = {
    "summary": "搜索完成，找到 {records} 项资料、{pages} 个页面。",
    "none": "没有找到与“{query}”相符的资料或页面。",
    "empty": "没有找到：请输入要找的词。",
    "back": "换个词再搜一次，或{home}。",
    "home": "回到首页",
    "newest": "最新",
    "fromScratch": FROM_SCRATCH[0],
}


# -- Research vocabulary: words the guide's own texts on a page must not use -----------------
# A note, a summary or a reason tells the reader what is known and what is not. How a fact was
# researched (a third party's claim, a stored copy, a pass, what was not read or not used) goes
# in _data/research/; `make check` refuses these words (checks.reader_texts_tell_no_research).


class ResearchWords(NamedTuple):
    """Words that tell how a fact was researched, why a reader cannot use them, and what to write."""

    #: The words, any one of which is refused.
    words: tuple[str, ...]
    #: Why a reader cannot use them (for the contributor, in the data file's messages).
    reason: str
    #: What to write instead, with an example in a reader's words.
    instead: str


#: The one list.
RESEARCH_WORDS: tuple[ResearchWords, ...] = (
    ResearchWords(
        ("第三方", "二手来源", "摘要页", "转载文章"),
        "what a third party says is not a fact of this guide, whose cards state what the material's own pages say",
        "say what is known or not about the material itself, e.g. “时长未确认。”",
    ),
    ResearchWords(
        ("存储副本",),
        "the stored copies are the researcher's tool, which readers cannot open",
        "say what is not confirmed, e.g. “访问条件未确认。”",
    ),
    ResearchWords(
        ("首轮", "本轮", "上一轮"),
        "a research pass is the guide's history, not the material's; the card shows the day it was checked",
        "say what is known now, e.g. “没有找到中文字幕。”",
    ),
    ResearchWords(
        ("未采用", "不采用"),
        "a figure the guide did not use gives the reader nothing to rely on",
        "leave the figure out (the card already says it is unknown), or write e.g. “时长未确认。”",
    ),
    ResearchWords(
        ("所以不",),
        "it explains what the guide chose not to list, derive or count, not the material",
        "say what is known or not (the card already shows what is missing), e.g. “中文译文未确认。”",
    ),
    ResearchWords(
        ("记为未知",),
        "it says how the guide records the value, which the card already shows",
        "say why it is unknown, e.g. “课程主页上的费用说明未确认。”",
    ),
    ResearchWords(
        ("查过", "查证"),
        "where and how someone searched is the research story; the card shows when someone looked",
        "say what the reader can use, e.g. “没有找到中文字幕或翻译。”, or leave the note out",
    ),
    ResearchWords(
        ("未读到", "没读到", "没有读到", "未能读到", "页面上未能确认"),
        "what the researcher could not read says nothing about the material",
        "say what is not known, e.g. “讲数未知。” or “时长未确认。”",
    ),
    ResearchWords(
        ("本指南早先",),
        "the guide's own earlier text is not a source",
        "say what is known, e.g. “官方给出的时长未确认。”",
    ),
)
