from django.apps import AppConfig


class CodeComplianceConfig(AppConfig):
    name = "complaintsdesk.codecompliance"
    label = "codecompliance"
    verbose_name = "Complaint Handling Code self-assessment"
