//! DynamoDB (regional): tables, each with its encryption and deletion protection
//! (DescribeTable) and its point-in-time recovery status (DescribeContinuousBackups).

use kestrel_model::dynamodb::{
    DynamoDb, Table, TableDetails, DESCRIBE_CONTINUOUS_BACKUPS, DESCRIBE_TABLE, LIST_TABLES,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, unreadable, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_dynamodb, "DYNAMODB", "dynamodb");

pub const SERVICE: Service = Service {
    label: "dynamodb",
    actions: &[LIST_TABLES, DESCRIBE_TABLE, DESCRIBE_CONTINUOUS_BACKUPS],
    collect: crate::regional!(collect => dynamodb),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> DynamoDb {
    DynamoDb {
        tables: tables(ctx, region).await.into(),
    }
}

async fn tables(ctx: &Collection, region: &str) -> Result<Vec<Table>, ApiError> {
    let c: aws_sdk_dynamodb::Client = ctx.clients.get(region);
    let account = ctx.wait_account_id().await;
    let part = ctx.partition.as_str();
    let mut list = ctx
        .list(
            LIST_TABLES,
            |t| c.list_tables().set_exclusive_start_table_name(t).send(),
            |p| p.last_evaluated_table_name(),
            |p| {
                p.table_names()
                    .iter()
                    .map(|name| Table {
                        arn: format!("arn:{part}:dynamodb:{region}:{account}:table/{name}"),
                        name: name.clone(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let (want_table, want_pitr) = (
        ctx.needs(DESCRIBE_TABLE),
        ctx.needs(DESCRIBE_CONTINUOUS_BACKUPS),
    );
    let got = fan_out(list.iter().map(|t| {
        let c = &c;
        async move {
            futures::join!(
                when(want_table, async {
                    let o = ctx
                        .call(DESCRIBE_TABLE, || {
                            c.describe_table().table_name(&t.name).send()
                        })
                        .await?;
                    let d = o.table().ok_or_else(|| unreadable(DESCRIBE_TABLE.name))?;
                    let sse = d.sse_description();
                    Ok(TableDetails {
                        sse_type: sse
                            .and_then(|s| s.sse_type())
                            .map(|s| s.as_str().to_string()),
                        kms_key_arn: sse.and_then(|s| s.kms_master_key_arn()).map(str::to_string),
                        deletion_protection: d.deletion_protection_enabled().unwrap_or(false),
                    })
                }),
                when(want_pitr, async {
                    let o = ctx
                        .call(DESCRIBE_CONTINUOUS_BACKUPS, || {
                            c.describe_continuous_backups().table_name(&t.name).send()
                        })
                        .await?;
                    Ok(o.continuous_backups_description()
                        .and_then(|b| b.point_in_time_recovery_description())
                        .and_then(|p| p.point_in_time_recovery_status())
                        .map(|s| s.as_str())
                        == Some("ENABLED"))
                }),
            )
        }
    }))
    .await;
    for (t, (details, pitr)) in list.iter_mut().zip(got) {
        t.details = details;
        t.pitr = pitr;
    }
    Ok(list)
}
