default_app_config = "catalog.shipping.apps.ShippingConfig"
