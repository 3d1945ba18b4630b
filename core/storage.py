"""Storage for private files (resumes): outside MEDIA_ROOT, and with no URL at all, so no template or serializer
can ever link to one. Views that check who is asking hand them out.

On disk they are the site's alone: files 0600 and the folders made for them 0700, whatever the process's umask
(Django's defaults, FILE_UPLOAD_PERMISSIONS 0644, would let any account on the server read every resume).
Folders made before this rule keep their modes: `chmod -R u=rwX,go= "$DJANGO_PRIVATE_MEDIA_ROOT"` once."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


class PrivateStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        kwargs.setdefault("file_permissions_mode", FILE_MODE)
        kwargs.setdefault("directory_permissions_mode", DIRECTORY_MODE)
        super().__init__(**kwargs)

    @cached_property
    def base_location(self):
        # Read when first needed, not when the models load, so that a changed setting (a test's) is followed.
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public URL; a view that checks permissions serves them.")
