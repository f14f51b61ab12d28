default_app_config = "catalog.address.apps.AddressConfig"
