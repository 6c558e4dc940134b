"""RSS 2.0 and Atom feeds of a news index."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _


class NewsRssFeed(Feed):
    """The latest articles of one news index, newest first."""

    item_count = 20

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        # Django reads `language` as a plain attribute (never calls it), so it is set here.
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(title)s — news") % {"title": self.index_page.title}

    # Links are made absolute from the request: Django would otherwise prefix them with the
    # domain of django.contrib.sites' Site (installed for comments, "example.com").
    def link(self):
        return self.request.build_absolute_uri(self.index_page.get_url(request=self.request))

    def feed_url(self):
        return self.request.build_absolute_uri()

    def description(self):
        return self.index_page.intro

    def items(self):
        return self.index_page.articles()[: self.item_count]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(request=self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.source_line or None


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
