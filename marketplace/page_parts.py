"""The shell's per-visitor part: Django's messages, filled in on every request."""

from django.contrib.messages import get_messages
from django.template.loader import render_to_string

from marketplace.pagecache.parts import page_part_register


def messages_html(request, argument=None, context=None) -> str:
    """Render this visitor's messages (showing them marks them as read)."""
    return render_to_string(
        "partials/messages.html", {"messages": get_messages(request)}
    )


def register() -> None:
    page_part_register("messages", messages_html)
