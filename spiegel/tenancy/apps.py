from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "spiegel.tenancy"
    label = "tenancy"
    verbose_name = "Organisations and access"
    default_auto_field = "django.db.models.BigAutoField"
