import os

import django
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

from spiegel.config import prepare_data_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spiegel.settings")
django.setup(set_prefix=False)
prepare_data_dir(settings)
application = WSGIHandler()

# deferred: the interviews app loads only after django.setup() above
from spiegel.interviews.warm import warm_up  # noqa: E402

warm_up()  # the first leaver of this process does not wait for the word lists and dictionaries to load
