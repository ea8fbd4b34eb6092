"""An offline Northflank: a connexion app driven by openapi/northflank.yaml."""
