//! Account (global): the security alternate contact.

use aws_sdk_account::types::AlternateContactType;
use kestrel_model::account::{AccountContacts, Contact, GET_ALTERNATE_CONTACT};
use kestrel_model::ApiError;

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_account, "ACCOUNT", "account");

pub const SERVICE: Service = Service {
    label: "account",
    actions: &[GET_ALTERNATE_CONTACT],
    collect: crate::global!(collect => account_contacts),
    after: None,
};

async fn collect(ctx: &Collection) -> AccountContacts {
    AccountContacts {
        security_contact: security_contact(ctx).await.into(),
    }
}

async fn security_contact(ctx: &Collection) -> Result<Option<Contact>, ApiError> {
    let c: aws_sdk_account::Client = ctx.clients.get(ctx.global_region());
    match ctx
        .call(GET_ALTERNATE_CONTACT, || {
            c.get_alternate_contact()
                .alternate_contact_type(AlternateContactType::Security)
                .send()
        })
        .await
    {
        Ok(o) => Ok(o.alternate_contact().map(|a| Contact {
            name: a.name().unwrap_or_default().to_string(),
            email: a.email_address().unwrap_or_default().to_string(),
            phone: a.phone_number().unwrap_or_default().to_string(),
            title: a.title().unwrap_or_default().to_string(),
        })),
        Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
        Err(e) => Err(e),
    }
}
