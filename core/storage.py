"""Storage for private files (resumes): outside MEDIA_ROOT, and with no URL at all, so no template or serializer
can ever link to one. Views that check who is asking hand them out."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        super().__init__(location=settings.PRIVATE_MEDIA_ROOT, **kwargs)

    def url(self, name):
        raise ValueError("Private files have no public URL; a view that checks permissions serves them.")
