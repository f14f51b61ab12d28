default_app_config = "catalog.payment.apps.PaymentConfig"
