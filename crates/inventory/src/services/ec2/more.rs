//! EC2 resources beyond instances and the network: Elastic IPs (and, as checks need
//! them, snapshots, images, launch templates and transit gateways). Asked alongside the
//! rest of the region's EC2 calls, each only when a selected check needs it.

use kestrel_model::ec2::{Ec2, ElasticIp, DESCRIBE_ADDRESSES};
use kestrel_model::Fetched;

use super::tags;
use crate::collection::{when, Collection};

/// What this file collects, landed into the region's [`Ec2`] by [`More::land`].
pub(super) struct More {
    elastic_ips: Fetched<Vec<ElasticIp>>,
}

impl More {
    pub(super) fn land(self, ec2: &mut Ec2) {
        ec2.elastic_ips = self.elastic_ips;
    }
}

pub(super) async fn collect(ctx: &Collection, region: &str, c: &aws_sdk_ec2::Client) -> More {
    let part = ctx.partition.as_str();
    let elastic_ips = when(ctx.needs(DESCRIBE_ADDRESSES), async {
        // DescribeAddresses is not paged.
        let o = ctx
            .call(DESCRIBE_ADDRESSES, || c.describe_addresses().send())
            .await?;
        let account = ctx.wait_account_id().await;
        Ok(o.addresses()
            .iter()
            .map(|a| ElasticIp {
                arn: format!(
                    "arn:{part}:ec2:{region}:{account}:eip-allocation/{}",
                    a.allocation_id().unwrap_or("None")
                ),
                public_ip: a.public_ip().map(str::to_string),
                allocation_id: a.allocation_id().map(str::to_string),
                association_id: a.association_id().map(str::to_string),
                tags: tags(a.tags()),
            })
            .collect())
    })
    .await;
    More { elastic_ips }
}
