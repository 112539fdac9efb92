# SPDX-License-Identifier: EUPL-1.2
"""The knowledge hub as Wagtail pages, and the search index kept beside them.

The tree per language is: site root → hub home (slug ``hub``) → the definition page and one
section per kind → the items. Slugs stay the same in every language, so ``/nl/hub/cases/x/``
and ``/fr/hub/cases/x/`` are the same resource (docs/access.md). Items that nobody translated yet
exist in a language as Wagtail aliases of the English page: they show the English text, marked
as such, until an editor translates them through wagtail-localize.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from elan.core.vocabulary import Principle
from elan.knowledge.blocks import SourceBlock
from elan.knowledge.constants import (
    KIND_PLURALS,
    RESERVED_HUB_SLUGS,
    RESOURCE_LANGUAGES,
    HubKind,
    ResourceType,
)
from elan.knowledge.fields import SearchVectorOrTextField, TagListField
from elan.knowledge.reading import (
    FALLBACK_LANGUAGE,
    HubItem,
    children_for_listing,
    hub_page_context,
    reader_language,
)

# Inline formatting only: the page templates own the heading structure (one h1, then h2s).
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

SECTION_KINDS = [(kind.value, KIND_PLURALS[kind]) for kind in HubKind if kind != HubKind.DEFINITION]


def rich_text(verbose_name, help_text="", blank=False):
    return RichTextField(
        verbose_name, features=RICH_TEXT_FEATURES, help_text=help_text, blank=blank
    )


class HubPage(Page):
    """What every hub page shares: a stable key for the content loader, a summary, sources."""

    content_key = models.CharField(
        _("content key"),
        max_length=80,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Identifies shipped content so that loading it again creates no duplicate."),
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("One or two sentences, shown in listings, search results and recommendations."),
    )
    sources = StreamField(
        [("source", SourceBlock())],
        verbose_name=_("sources"),
        blank=True,
        help_text=_("Credit every source this page draws on, with a link."),
    )

    hub_kind: str | None = None

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
    ]
    sources_panels = [FieldPanel("sources")]
    override_translatable_fields = [SynchronizedField("content_key")]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        # A page being created has its tree position before it is saved; only then ask.
        parent = self.get_parent() if self.path else None
        if self.slug in RESERVED_HUB_SLUGS and isinstance(
            getattr(parent, "specific", None), HubHomePage
        ):
            raise ValidationError({"slug": _("This address is taken by the hub's own pages.")})

    def content_language(self) -> str:
        """The language the text is in: an alias shows its original's text."""
        page = self
        seen: set[int] = set()
        while page.alias_of_id and page.pk not in seen:
            seen.add(page.pk)
            page = Page.objects.select_related("locale").get(pk=page.alias_of_id)
        return page.locale.language_code

    def search_text_parts(self) -> list[str]:
        """The text that search should find this page by, beyond its title and summary."""
        return []

    def hub_home(self) -> HubHomePage | None:
        """The hub home this page belongs to (itself, for the hub home)."""
        home = self.get_ancestors(inclusive=True).type(HubHomePage).last()
        return home.specific if home else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(hub_page_context(page=self, request=request, home=self.hub_home()))
        return context

    def serve(self, request, *args, **kwargs):
        # The hub's page view (elan.knowledge.views.hub_page) keeps a copy for visitors who are
        # not logged in, but only of pages anyone may see: never one behind a password or a
        # login, even after this visitor got through.
        request.knowledge_cacheable = not self.get_view_restrictions().exists()
        return super().serve(request, *args, **kwargs)


class HubHomePage(HubPage):
    intro = rich_text(_("introduction"))

    content_panels = [*HubPage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["knowledge.DefinitionPage", "knowledge.HubSectionPage"]
    max_count_per_parent = 1
    template = "knowledge/hub_home_page.html"

    class Meta:
        verbose_name = _("hub home")
        verbose_name_plural = _("hub homes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        definitions = children_for_listing(page=self, model=DefinitionPage)
        context["definition"] = definitions[0]["page"] if definitions else None
        context["sections"] = children_for_listing(page=self, model=HubSectionPage)
        quotes_section = next(
            (row["page"] for row in context["sections"] if row["page"].kind == HubKind.QUOTE),
            None,
        )
        context["quotes"] = children_for_listing(page=quotes_section)[:3] if quotes_section else []
        return context


class HubSectionPage(HubPage):
    """Lists the items of one kind (cases, tools, ...), which are its children."""

    kind = models.CharField(_("kind of item"), max_length=20, choices=SECTION_KINDS)
    intro = rich_text(_("introduction"), blank=True)

    content_panels = [*HubPage.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["knowledge.HubHomePage"]
    subpage_types = [
        "knowledge.PrinciplePage",
        "knowledge.CasePage",
        "knowledge.ToolPage",
        "knowledge.ResourcePage",
        "knowledge.PartnerPage",
        "knowledge.PresentationPage",
        "knowledge.RecordingPage",
        "knowledge.TipPage",
        "knowledge.QuestionPage",
        "knowledge.QuotePage",
    ]
    template = "knowledge/hub_section_page.html"

    class Meta:
        verbose_name = _("hub section")
        verbose_name_plural = _("hub sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = children_for_listing(page=self)
        return context


class HubItemPage(HubPage):
    """An item of the hub, tagged with the principles and innovation skills it serves."""

    principles = TagListField(
        _("principles"),
        vocabulary="principle",
        help_text=_("The principles of inclusive and innovative leadership this item serves."),
    )
    skills = TagListField(
        _("innovation skills"),
        vocabulary="skill",
        help_text=_("The OECD OPSI innovation skills this item helps to practise."),
    )

    tag_panels = [
        MultiFieldPanel(
            [FieldPanel("principles"), FieldPanel("skills")],
            heading=_("Tags"),
        )
    ]
    override_translatable_fields = [
        SynchronizedField("content_key"),
        SynchronizedField("principles"),
        SynchronizedField("skills"),
    ]
    parent_page_types = ["knowledge.HubSectionPage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    @classmethod
    def can_exist_under(cls, parent) -> bool:
        # A case belongs under the cases section, a tool under the tools section, and so on.
        if not super().can_exist_under(parent):
            return False
        return getattr(parent.specific, "kind", None) == cls.hub_kind

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not self.principles:
            errors["principles"] = _("Tag at least one principle.")
        if not self.skills:
            errors["skills"] = _("Tag at least one innovation skill.")
        if errors:
            raise ValidationError(errors)


def _panels(*fields, with_tags=True):
    panels = [*HubPage.content_panels, *(FieldPanel(name) for name in fields)]
    if with_tags:
        panels += HubItemPage.tag_panels
    return [*panels, *HubPage.sources_panels]


class DefinitionPage(HubPage):
    """What "everyone can innovate" means: one shared definition, so people know what counts."""

    what_it_is = rich_text(_("what innovation is"))
    what_it_is_not = rich_text(_("what innovation is not"))
    public_values = rich_text(_("the public values that count"))
    in_practice = rich_text(_("what it looks like in practice"))

    hub_kind = HubKind.DEFINITION
    content_panels = _panels(
        "what_it_is", "what_it_is_not", "public_values", "in_practice", with_tags=False
    )
    parent_page_types = ["knowledge.HubHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    search_fields = [
        *HubPage.search_fields,
        index.SearchField("what_it_is"),
        index.SearchField("in_practice"),
    ]

    class Meta:
        verbose_name = _("definition page")
        verbose_name_plural = _("definition pages")

    def search_text_parts(self) -> list[str]:
        return [self.what_it_is, self.what_it_is_not, self.public_values, self.in_practice]


class PrinciplePage(HubItemPage):
    principle = models.CharField(_("principle"), max_length=40, choices=Principle.choices)
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    meaning = rich_text(_("what the principle means"))
    on_the_work_floor = rich_text(_("what it looks like on the work floor"))
    practice_this_week = rich_text(_("a practice to try this week"))

    hub_kind = HubKind.PRINCIPLE
    content_panels = _panels(
        "principle", "number", "meaning", "on_the_work_floor", "practice_this_week"
    )

    class Meta:
        verbose_name = _("principle page")
        verbose_name_plural = _("principle pages")

    def clean(self) -> None:
        if self.principle:
            # The page serves its own principle by definition, and lists it first: that is how
            # the selectors tell a principle's own page from others that also serve it.
            others = [slug for slug in self.principles or [] if slug != self.principle]
            self.principles = [self.principle, *others]
        super().clean()

    def search_text_parts(self) -> list[str]:
        return [self.meaning, self.on_the_work_floor, self.practice_this_week]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = translation.get_language()
        linked = []
        for kind in (HubKind.TOOL, HubKind.CASE, HubKind.RESOURCE, HubKind.TIP):
            # What ``selectors.hub_items_for`` answers, read here from the index directly:
            # the selectors import these models.
            entries = (
                HubSearchEntry.objects.for_reader(language)
                .tagged(principle=self.principle, kinds=[kind])
                .order_by("position", "title")
            )
            items = [entry.as_item(language) for entry in entries]
            if items:
                linked.append({"kind": kind, "items": items})
        context["linked"] = linked
        return context


class CasePage(HubItemPage):
    location = models.CharField(_("where"), max_length=120, blank=True)
    context_and_actions = rich_text(_("context and actions"))
    effect = rich_text(_("concrete effect"))
    reference = rich_text(_("reference"))

    hub_kind = HubKind.CASE
    content_panels = _panels("location", "context_and_actions", "effect", "reference")

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def search_text_parts(self) -> list[str]:
        return [self.location, self.context_and_actions, self.effect, self.reference]


class ToolPage(HubItemPage):
    publisher = models.CharField(_("publisher"), max_length=200)
    what_it_is = rich_text(_("what it is"))
    useful_for = rich_text(_("useful for"))
    link = models.URLField(_("link"), max_length=500)

    hub_kind = HubKind.TOOL
    content_panels = _panels("publisher", "what_it_is", "useful_for", "link")

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def search_text_parts(self) -> list[str]:
        return [self.publisher, self.what_it_is, self.useful_for]


class ResourcePage(HubItemPage):
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    resource_language = models.CharField(
        _("language of the work"), max_length=8, choices=RESOURCE_LANGUAGES, default="en"
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("Leave empty only while the year is not confirmed; visitors see that."),
    )
    authors = models.CharField(_("authors or publisher"), max_length=300)
    link = models.URLField(_("link"), max_length=500)
    description = rich_text(_("why it is worth reading"))

    hub_kind = HubKind.RESOURCE
    content_panels = _panels(
        "resource_type", "resource_language", "year", "authors", "link", "description"
    )

    class Meta:
        verbose_name = _("book, article or talk")
        verbose_name_plural = _("books, articles and talks")

    def search_text_parts(self) -> list[str]:
        return [self.authors, self.description]


class PartnerPage(HubItemPage):
    what_they_offer = rich_text(_("what they offer"))
    link = models.URLField(_("website"), max_length=500)

    hub_kind = HubKind.PARTNER
    content_panels = _panels("what_they_offer", "link")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def search_text_parts(self) -> list[str]:
        return [self.what_they_offer]


class PresentationPage(HubItemPage):
    """A presentation from a session: an uploaded document, or a link to where it is published."""

    speaker = models.CharField(_("speaker"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    description = rich_text(_("description"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Upload the file here once you have it; the link below is used until then."),
    )
    external_url = models.URLField(
        _("where it is published"),
        max_length=500,
        blank=True,
        help_text=_("Used while no document is uploaded."),
    )
    published_format = models.CharField(
        _("published file type"),
        max_length=20,
        blank=True,
        help_text=_("Type of the file at the link above, for example PDF."),
    )
    published_size = models.CharField(
        _("published file size"),
        max_length=20,
        blank=True,
        help_text=_("Size of the file at the link above, for example 3.75 MB."),
    )

    hub_kind = HubKind.PRESENTATION
    content_panels = [
        *HubPage.content_panels,
        FieldPanel("speaker"),
        FieldPanel("organisation"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_("Visitors see the file's type and size next to the download link.")
                ),
                FieldPanel("document"),
                FieldPanel("external_url"),
                FieldPanel("published_format"),
                FieldPanel("published_size"),
            ],
            heading=_("File"),
        ),
        *HubItemPage.tag_panels,
        *HubPage.sources_panels,
    ]
    override_translatable_fields = [
        *HubItemPage.override_translatable_fields,
        # One file for every language: a translation takes the source's when it is synced.
        SynchronizedField("document"),
        SynchronizedField("published_format"),
        SynchronizedField("published_size"),
        TranslatableField("organisation"),
    ]

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")

    def clean(self) -> None:
        super().clean()
        if not self.document_id and not self.external_url:
            raise ValidationError(
                {"external_url": _("Upload a document or give the link where it is published.")}
            )

    def shared_document(self):
        """This page's file, or else the file attached to another language of the same page.

        A file is attached once, usually on the page it was presented in, and serves every
        language: translations made before the upload, or never synced since, would otherwise
        go on pointing at the external link (or nowhere) while the file sits on the source.
        The page's own file wins; among the others, the oldest page's, which is the source.
        """
        if self.document_id:
            return self.document
        sibling = (
            PresentationPage.objects.live()
            .filter(translation_key=self.translation_key, document__isnull=False)
            .exclude(pk=self.pk)
            .select_related("document")
            .order_by("pk")
            .first()
        )
        return sibling.document if sibling is not None else None

    def download(self) -> dict | None:
        """Where to get the file, with its type and size, as visitors see it."""
        document = self.shared_document()
        if document is not None:
            return {
                "url": document.url,
                "format": (document.file_extension or "").upper(),
                "size": filesizeformat(document.get_file_size() or 0),
                "is_uploaded": True,
            }
        if self.external_url:
            return {
                "url": self.external_url,
                "format": self.published_format.upper(),
                "size": self.published_size,
                "is_uploaded": False,
            }
        return None

    def search_text_parts(self) -> list[str]:
        return [self.speaker, self.organisation, self.description]


class RecordingPage(HubItemPage):
    session_date = models.DateField(_("date of the session"))
    speakers = models.CharField(_("speakers"), max_length=400)
    description = rich_text(_("what the session covers"))
    video_url = models.URLField(_("where to watch it"), max_length=500)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), null=True, blank=True
    )

    hub_kind = HubKind.RECORDING
    content_panels = _panels(
        "session_date", "speakers", "description", "video_url", "duration_minutes"
    )

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def search_text_parts(self) -> list[str]:
        return [self.speakers, self.description]


class TipPage(HubItemPage):
    tip = rich_text(_("the tip"))
    given_by = models.CharField(_("given by"), max_length=200, blank=True)

    hub_kind = HubKind.TIP
    content_panels = _panels("tip", "given_by")

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def search_text_parts(self) -> list[str]:
        return [self.tip, self.given_by]


class QuestionPage(HubItemPage):
    question = rich_text(_("the question"))
    answer = rich_text(_("the expert's answer"))
    expert_name = models.CharField(_("expert"), max_length=200)
    expert_role = models.CharField(_("expert's role"), max_length=200, blank=True)

    hub_kind = HubKind.QUESTION
    content_panels = _panels("question", "expert_name", "expert_role", "answer")

    class Meta:
        verbose_name = _("question with an expert answer")
        verbose_name_plural = _("questions with expert answers")

    def search_text_parts(self) -> list[str]:
        return [self.question, self.answer, self.expert_name]


class QuotePage(HubItemPage):
    quote = models.TextField(_("quote"))
    speaker = models.CharField(_("speaker"), max_length=200)
    speaker_role = models.CharField(_("speaker's role"), max_length=200, blank=True)
    paraphrased = models.BooleanField(
        _("paraphrased"),
        default=True,
        help_text=_("Tick when the words are ours, rendering what the speaker said."),
    )

    hub_kind = HubKind.QUOTE
    content_panels = _panels("quote", "speaker", "speaker_role", "paraphrased")

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def search_text_parts(self) -> list[str]:
        return [self.quote, self.speaker]


HUB_PAGE_MODELS: tuple[type[HubPage], ...] = (
    HubHomePage,
    HubSectionPage,
    DefinitionPage,
    PrinciplePage,
    CasePage,
    ToolPage,
    ResourcePage,
    PartnerPage,
    PresentationPage,
    RecordingPage,
    TipPage,
    QuestionPage,
    QuotePage,
)


class HubSearchEntryQuerySet(models.QuerySet):
    def for_reader(self, language: str) -> HubSearchEntryQuerySet:
        """The entries a person reading ``language`` sees: theirs, else the English one."""
        language = reader_language(language)
        if language == FALLBACK_LANGUAGE:
            return self.filter(language=language)
        present = self.model.objects.filter(language=language).values("translation_key")
        return self.filter(
            Q(language=language) | (Q(language=FALLBACK_LANGUAGE) & ~Q(translation_key__in=present))
        )

    def tagged(
        self,
        *,
        kinds: Iterable[str] | None = None,
        principle: str | None = None,
        skill: str | None = None,
    ) -> HubSearchEntryQuerySet:
        entries = self
        if kinds:
            entries = entries.filter(kind__in=list(kinds))
        if principle:
            entries = entries.filter(principles__contains=f" {principle} ")
        if skill:
            entries = entries.filter(skills__contains=f" {skill} ")
        return entries


class HubSearchEntry(models.Model):
    """One live hub page in one language, denormalised for search, filters and recommendations.

    Kept in step with the pages when they are published, unpublished, moved or deleted
    (``elan.knowledge.signals``). On PostgreSQL ``search_vector`` holds the text parsed with the
    configuration of the language the text is in; SQLite searches ``folded_text`` instead.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    translation_key = models.UUIDField(db_index=True)
    language = models.CharField(_("language"), max_length=8, db_index=True)
    content_language = models.CharField(_("language of the text"), max_length=8)
    kind = models.CharField(_("kind"), max_length=20, choices=HubKind.choices, db_index=True)
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    body_text = models.TextField(blank=True)
    principles = models.CharField(max_length=400, blank=True)
    skills = models.CharField(max_length=400, blank=True)
    url = models.CharField(max_length=500)
    folded_text = models.TextField(blank=True)
    search_vector = SearchVectorOrTextField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    objects = HubSearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("hub search entry")
        verbose_name_plural = _("hub search entries")
        ordering = ["position", "title"]
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"

    @property
    def principle_slugs(self) -> tuple[str, ...]:
        return tuple(self.principles.split())

    @property
    def skill_slugs(self) -> tuple[str, ...]:
        return tuple(self.skills.split())

    def as_item(self, language: str) -> HubItem:
        """The entry as other modules see it, for a person reading ``language``."""
        return HubItem(
            title=self.title,
            url=self.url,
            kind=self.kind,
            language_used=self.content_language,
            is_fallback=self.content_language != reader_language(language),
            summary=self.summary,
            principles=self.principle_slugs,
            skills=self.skill_slugs,
        )


class HubContentVersion(models.Model):
    """One row that changes whenever anything in the hub is published, unpublished or moved.

    Cached pages are keyed by it, so every web process sees a change at once, whichever
    process (or the scheduler) made it.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hub content version")
        verbose_name_plural = _("hub content versions")

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
