"""Admin: the English names of news topics, under Snippets, for editors and translators."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import TopicName


class TopicNameViewSet(SnippetViewSet):
    model = TopicName
    icon = "tag"
    menu_label = _("Topics in English")
    list_display = ["tag", "name_en"]
    search_fields = ["name_en"]


register_snippet(TopicNameViewSet)
