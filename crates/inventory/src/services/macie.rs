//! Macie (regional): whether a session exists and its status.

use kestrel_model::macie::{Macie, GET_MACIE_SESSION};
use kestrel_model::ApiError;

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_macie2, "MACIE2", "macie2");

pub const SERVICE: Service = Service {
    label: "macie",
    actions: &[GET_MACIE_SESSION],
    collect: crate::regional!(collect => macie),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Macie {
    Macie {
        status: status(ctx, region).await.into(),
    }
}

async fn status(ctx: &Collection, region: &str) -> Result<Option<String>, ApiError> {
    let c: aws_sdk_macie2::Client = ctx.clients.get(region);
    match ctx
        .call(GET_MACIE_SESSION, || c.get_macie_session().send())
        .await
    {
        Ok(o) => Ok(o.status().map(|s| s.as_str().to_string())),
        // "Macie is not enabled" comes back as AccessDeniedException (real AWS and moto).
        Err(e)
            if (e.code == "AccessDeniedException"
                && e.message.to_lowercase().contains("not enabled"))
                || e.code == "ResourceNotFoundException" =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
