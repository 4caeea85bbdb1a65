"""Privacy jobs that reach into the other apps: retention (`purge`), key rotation (`rotate_keys`) and the
periodic upkeep task. They sit above every domain app; the privacy base modules (audit, actors, crypto) sit
below them all."""
