"""One upload policy for every file field of the site.

``policy`` detects a file's type from its bytes, checks it against the field's
allow-list and size limits, re-encodes images and renames the file at random
with the extension of the detected type; ``fields`` makes every model form run
it; ``storage`` holds the private storage; ``serving`` answers for a private
file once a view has decided the viewer may see it. The package knows no app.
"""
