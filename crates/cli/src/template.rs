//! `kestrel scan-role-template [--stackset]`: the CloudFormation template (YAML) of the
//! role kestrel assumes to scan an account: trusted by the scanner's account (principals
//! matching `IAMPrincipal`, with `sts:ExternalId`), with the SecurityAudit and
//! ViewOnlyAccess managed policies and an inline policy listing exactly the read actions
//! kestrel's checks declare — generated from the check metadata, so it never drifts.
//!
//! Only plain YAML (no `!Ref` tags): intrinsic functions are written in their long form,
//! so any YAML parser reads the template.

use std::collections::BTreeSet;

pub const ROLE_NAME: &str = "KestrelScanRole";

/// Every API action a kestrel check needs, sorted.
pub fn actions() -> Vec<&'static str> {
    let set: BTreeSet<&'static str> = kestrel_checks::all()
        .iter()
        .flat_map(|c| c.meta.needs.iter().map(|a| a.name))
        .collect();
    set.into_iter().collect()
}

pub fn role_template() -> String {
    let mut actions_yaml = String::new();
    for a in actions() {
        actions_yaml.push_str(&format!("                  - \"{a}\"\n"));
    }
    format!(
        r#"AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  The read-only role kestrel {version} assumes to scan this account. Trusted by the
  scanner's account (principals matching IAMPrincipal) with an external ID. Inline policy
  generated from kestrel's check metadata ({count} actions).
Parameters:
  ExternalId:
    Type: String
    Description: The external ID kestrel passes with -I (2 to 1224 characters).
    MinLength: 2
    MaxLength: 1224
    AllowedPattern: "[\\w+=,.@:/-]+"
    NoEcho: true
  AccountId:
    Type: String
    Description: The AWS account that runs kestrel (the scanner).
    AllowedPattern: "\\d{{12}}"
  IAMPrincipal:
    Type: String
    Description: The principals of AccountId allowed to assume the role (a path under the account, wildcards allowed).
    Default: "role/kestrel*"
  RoleName:
    Type: String
    Description: Name of the scan role (kestrel's --role-name).
    Default: {role_name}
  MaxSessionDuration:
    Type: Number
    Description: >-
      Longest session the role allows, in seconds (3600 to 43200). kestrel's -T above this
      is refused by STS; role-chained sessions are capped at 3600 whatever this says.
    Default: 3600
    MinValue: 3600
    MaxValue: 43200
Resources:
  KestrelScanRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName:
        Ref: RoleName
      MaxSessionDuration:
        Ref: MaxSessionDuration
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                Fn::Sub: "arn:${{AWS::Partition}}:iam::${{AccountId}}:root"
            Action: "sts:AssumeRole"
            Condition:
              StringEquals:
                sts:ExternalId:
                  Ref: ExternalId
              StringLike:
                aws:PrincipalArn:
                  Fn::Sub: "arn:${{AWS::Partition}}:iam::${{AccountId}}:${{IAMPrincipal}}"
      ManagedPolicyArns:
        - Fn::Sub: "arn:${{AWS::Partition}}:iam::aws:policy/SecurityAudit"
        - Fn::Sub: "arn:${{AWS::Partition}}:iam::aws:policy/job-function/ViewOnlyAccess"
      Policies:
        - PolicyName: KestrelChecksReadActions
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Sid: KestrelChecks
                Effect: Allow
                Resource: "*"
                Action:
{actions_yaml}      Tags:
        - Key: Service
          Value: kestrel
Outputs:
  RoleArn:
    Description: The ARN to give kestrel (-R), or use --role-name with the role's name.
    Value:
      Fn::GetAtt: [KestrelScanRole, Arn]
"#,
        version = env!("CARGO_PKG_VERSION"),
        count = actions().len(),
        role_name = ROLE_NAME,
    )
}

/// A template that deploys the role template through a service-managed StackSet to
/// every account of the given organizational units (run it in the management account or
/// a delegated administrator).
pub fn stackset_template() -> String {
    let body: String = role_template()
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("        {l}\n")
            }
        })
        .collect();
    format!(
        r#"AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  Deploys kestrel {version}'s scan role to every account of the given organizational units
  through a service-managed StackSet (new accounts get it automatically).
Parameters:
  ExternalId:
    Type: String
    MinLength: 2
    MaxLength: 1224
    NoEcho: true
  AccountId:
    Type: String
    Description: The AWS account that runs kestrel (the scanner).
    AllowedPattern: "\\d{{12}}"
  IAMPrincipal:
    Type: String
    Default: "role/kestrel*"
  RoleName:
    Type: String
    Default: {role_name}
  MaxSessionDuration:
    Type: Number
    Default: 3600
    MinValue: 3600
    MaxValue: 43200
  OrganizationalUnitIds:
    Type: CommaDelimitedList
    Description: The OUs (or the root, r-xxxx) whose accounts get the role.
  DeploymentRegion:
    Type: String
    Description: One region for the stack instances (IAM roles are global).
    Default: us-east-1
Resources:
  KestrelScanRoleStackSet:
    Type: AWS::CloudFormation::StackSet
    Properties:
      StackSetName: kestrel-scan-role
      Description: kestrel's read-only scan role
      PermissionModel: SERVICE_MANAGED
      AutoDeployment:
        Enabled: true
        RetainStacksOnAccountRemoval: false
      Capabilities:
        - CAPABILITY_NAMED_IAM
      ManagedExecution:
        Active: true
      Parameters:
        - ParameterKey: ExternalId
          ParameterValue:
            Ref: ExternalId
        - ParameterKey: AccountId
          ParameterValue:
            Ref: AccountId
        - ParameterKey: IAMPrincipal
          ParameterValue:
            Ref: IAMPrincipal
        - ParameterKey: RoleName
          ParameterValue:
            Ref: RoleName
        - ParameterKey: MaxSessionDuration
          ParameterValue:
            Ref: MaxSessionDuration
      StackInstancesGroup:
        - DeploymentTargets:
            OrganizationalUnitIds:
              Ref: OrganizationalUnitIds
          Regions:
            - Ref: DeploymentRegion
      TemplateBody: |
{body}"#,
        version = env!("CARGO_PKG_VERSION"),
        role_name = ROLE_NAME,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_policy_lists_every_declared_action() {
        let t = role_template();
        for a in actions() {
            assert!(t.contains(&format!("- \"{a}\"")), "{a}");
        }
        assert!(actions().contains(&"iam:GetAccountPasswordPolicy"));
        assert!(!t.contains('!'), "no YAML tags");
    }

    #[test]
    fn stackset_embeds_the_role_template() {
        let s = stackset_template();
        assert!(s.contains("AWS::CloudFormation::StackSet"));
        assert!(s.contains("        Type: AWS::IAM::Role"));
    }
}
