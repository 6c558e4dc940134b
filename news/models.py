"""News about the plan's preparation, with tags, related groups and feeds."""

import re
from collections import namedtuple
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.routing import ChildPageRoute
from core.titles import OneLineTitleMixin
from core.translation import in_english, page_translation_fields
from core.visibility import public_q
from documents.blocks import RICH_TEXT_FEATURES
from documents.models import PageDocument
from feedback.models import CommentableMixin
from news.feeds import NewsAtomFeed, NewsRssFeed

# A tag's slug as taggit makes it (at most its field's 100 characters): anything else,
# quotes or a NUL that PostgreSQL refuses in a query, cannot name a tag.
SLUG = re.compile(r"[-\w]{1,100}")


def page_id(value):
    """The page id a query parameter names, or None: up to 18 ASCII digits, so that it fits
    the database's bigint (and Python's int() never meets thousands of digits)."""
    return int(value) if len(value) <= 18 and value.isascii() and value.isdigit() else None


class NewsIndexPage(OneLineTitleMixin, RoutablePageMixin, ChildPageRoute, Page):
    """All news, newest first, filterable by working group and tag, with RSS and Atom feeds."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("articles per page"), default=10)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    override_translatable_fields = page_translation_fields(
        translated=("intro",), synchronised=("per_page",)
    )
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        group_id = page_id(request.GET.get("group", ""))
        tag_slug = request.GET.get("tag", "")
        tag_slug = tag_slug if SLUG.fullmatch(tag_slug) else ""
        number = page_id(request.GET.get("page", "")) or 1
        # The template keeps the listing in a fragment of the chrome's generation (and the
        # comments' version, for the counts): it is read only when that is missing.
        context["listing_key"] = f"{group_id or ''}:{tag_slug}:{number}"
        context["listing"] = SimpleLazyObject(lambda: self.listing(group_id, tag_slug, number))
        return context

    def listing(self, group_id, tag_slug, number):
        """The page `number` of the articles of one working group and topic (either may be
        empty), with the groups and topics to filter by."""
        articles = NewsArticlePage.with_comment_counts(self.articles())
        working_group = apps.get_model("workinggroups", "WorkingGroupPage")
        groups = working_group.objects.live().filter(locale_id=self.locale_id).order_by("number")
        selected_group = groups.filter(pk=group_id).first() if group_id else None
        if selected_group:
            articles = articles.filter(
                related_groups__translation_key=selected_group.translation_key
            )
        tags = Tag.objects.filter(news_newsarticletag_items__content_object__in=self.articles())
        tags = tags.distinct().order_by("name")
        selected_tag = tags.filter(slug=tag_slug).first() if tag_slug else None
        if selected_tag:
            articles = articles.filter(tags=selected_tag)
        paginator = Paginator(articles, self.per_page)
        page_obj = paginator.get_page(number)
        return {
            "articles": page_obj,
            "groups": groups,
            "selected_group": selected_group,
            "topics": sorted(named_topics(tags), key=lambda topic: topic.name.lower()),
            "selected_tag": selected_tag,
            # The pages' links keep the filters that apply, not whatever else was asked.
            "query_prefix": urlencode(
                {
                    key: value
                    for key, value in (
                        ("group", selected_group and selected_group.pk),
                        ("tag", selected_tag and selected_tag.slug),
                    )
                    if value
                }
            ),
        }

    def get_cached_paths(self):
        """The index and its feeds: a purge drops them together."""
        return ["/", "/rss/", "/atom/"]

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed(self)(request)


class TopicName(models.Model):
    """A topic (a tag of news articles) as the English site names it. An article's
    translations share its tags, so without it English readers meet the Lithuanian name."""

    tag = models.OneToOneField(
        Tag, on_delete=models.CASCADE, related_name="english_name", verbose_name=_("topic")
    )
    name_en = models.CharField(_("name (English)"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("name_en")]

    class Meta:
        verbose_name = _("topic in English")
        verbose_name_plural = _("topics in English")
        ordering = ["tag__name"]

    def __str__(self):
        return f"{self.tag.name} – {self.name_en}"


Topic = namedtuple("Topic", "slug name tag")


def named_topics(tags):
    """``[Topic]`` for ``tags`` in their order, named in the active language: on the English
    site the English name where one was given, else the tag's (Lithuanian) name. One query
    for any number of topics, none in Lithuanian."""
    tags = list(tags)
    english = {}
    if tags and in_english():
        english = dict(
            TopicName.objects.filter(tag__in=[tag.pk for tag in tags]).values_list(
                "tag_id", "name_en"
            )
        )
    return [Topic(tag.slug, english.get(tag.pk) or tag.name, tag) for tag in tags]


def topic_name(tag):
    return named_topics([tag])[0].name


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(OneLineTitleMixin, CommentableMixin, Page):
    """A news article, such as the announcement of the working groups."""

    date = models.DateField(_("date"), default=timezone.localdate)
    source_line = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Who provided the information, e.g. the plan's preparers."),
    )
    intro = models.TextField(_("introduction"))
    body = RichTextField(_("body"), features=RICH_TEXT_FEATURES)
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("tags"))
    related_groups = ParentalManyToManyField(
        "workinggroups.WorkingGroupPage",
        verbose_name=_("related working groups"),
        blank=True,
        related_name="news_articles",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("source_line"),
    ]
    relations_panels = [
        FieldPanel("tags"),
        FieldPanel("related_groups"),
        InlinePanel("documents", label=_("Documents"), heading=_("Related documents")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(relations_panels, heading=_("Tags and relations")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(
                [*Page.settings_panels, *CommentableMixin.comment_panels], heading=_("Settings")
            ),
        ]
    )

    override_translatable_fields = page_translation_fields(
        translated=("source_line", "intro", "body"),
        synchronised=("date", "comments_open", "documents", "related_groups"),
    )
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragment of the article is missing.
        context["groups"] = SimpleLazyObject(self.localized_groups)
        context["related_documents"] = SimpleLazyObject(
            lambda: self.documents.select_related("document")
        )
        context["topics"] = SimpleLazyObject(lambda: named_topics(self.tags.all()))
        context["news_index_url"] = SimpleLazyObject(lambda: self.news_index_url(request))
        return context

    def localized_groups(self):
        """The related working groups in this article's language (relations are synchronised
        across translations) that the public may see."""
        working_group = apps.get_model("workinggroups", "WorkingGroupPage")
        return (
            working_group.objects.live()
            .filter(public_q())
            .filter(
                locale_id=self.locale_id,
                translation_key__in=[group.translation_key for group in self.related_groups.all()],
            )
        )

    def news_index_url(self, request):
        """The address of the news list the article is in, for its topics' links."""
        parent = self.get_parent()
        return parent.get_url(request) if parent else ""


class NewsArticleDocument(PageDocument):
    """A document the article refers to, such as the order it announces."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="documents")
