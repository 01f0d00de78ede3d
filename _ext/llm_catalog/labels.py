"""Chinese reader-facing labels for the enumerated values of the catalog schema."""

from __future__ import annotations

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

#: Object types of the domain, as shown in the index and search results.
OBJECT_TYPES = {
    "category": "课程类别",
    "course": "课程",
    "syllabus": "教学大纲",
    "book": "课本",
    "resource": "资源",
}

#: Which schema property each label table describes (checked by the tests).
SCHEMA_ENUMS = {
    ("link", "kind"): LINK_KINDS,
    ("course", "level"): LEVELS,
    ("language", None): LANGUAGES,
    ("category", "study"): STUDY,
    ("course", "format"): FORMATS,
    ("resource", "kind"): RESOURCE_KINDS,
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
COURSE_CARD = "课程卡片"
CHAPTER = "第 {number} 章"
BOOK_CHAPTER_SLIDES = "（课件：{titles}；pptx、pdf）"
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
