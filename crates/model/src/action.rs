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
}

impl Action {
    pub const fn new(name: &'static str, depth: u8) -> Action {
        Action { name, depth }
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
