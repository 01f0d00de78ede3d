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
