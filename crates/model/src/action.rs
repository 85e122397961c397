//! API actions as typed constants.

/// An AWS API action, by its IAM name (`kms:ListKeys`), with how many dependent round
/// trips can follow a call to it (`kms:ListKeys` → `DescribeKey` → the rotation status:
/// 2). Checks declare the actions their data comes from with these constants (a typo
/// is a compile error), the inventory collects what the selected checks name, the
/// request scheduler serves deeper chains first, and the scan-role policy lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Action {
    /// `service:Action`, as IAM policies spell it.
    pub name: &'static str,
    /// Dependent round trips that can follow (0 = a leaf call).
    pub depth: u8,
    /// Which API the call goes to when two share IAM names (Classic Load Balancing and
    /// ELBv2 both call `elasticloadbalancing:DescribeLoadBalancers`); empty otherwise.
    /// Part of the action's identity: selecting one API's checks does not run the other's
    /// collector.
    pub api: &'static str,
}

impl Action {
    pub const fn new(name: &'static str, depth: u8) -> Action {
        Action {
            name,
            depth,
            api: "",
        }
    }

    /// The same action, sent to the API `api` (see [`Action::api`]).
    pub const fn on(self, api: &'static str) -> Action {
        Action { api, ..self }
    }

    /// What identifies the action among those a scan needs: its name, or `name@api`
    /// when it is sent to a named API (see [`Action::api`]).
    pub fn key(&self) -> String {
        if self.api.is_empty() {
            self.name.to_string()
        } else {
            format!("{}@{}", self.name, self.api)
        }
    }

    /// The IAM service prefix (`kms`).
    pub fn prefix(&self) -> &'static str {
        self.name.split(':').next().unwrap_or(self.name)
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}
