//! The console's account management: a termination date, who granted the admin role and
//! when, the last access review, and who added a catalog version through the console.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite alters one column per statement, so each column is its own step.
fn user_columns() -> Vec<ColumnDef> {
    vec![
        // The day the account stops working; null for accounts with no end planned.
        ColumnDef::new(Users::TerminateOn).date().null().to_owned(),
        ColumnDef::new(Users::RoleGrantedAt)
            .timestamp_with_time_zone()
            .null()
            .to_owned(),
        // Null with a grant time: granted by the operator at the command line.
        ColumnDef::new(Users::RoleGrantedBy)
            .uuid()
            .null()
            .to_owned(),
        ColumnDef::new(Users::AccessReviewedAt)
            .timestamp_with_time_zone()
            .null()
            .to_owned(),
        ColumnDef::new(Users::AccessReviewedBy)
            .uuid()
            .null()
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut column in user_columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        // Administrators made before this column existed were made at sign-up by the
        // operator; their creation time is the best record of the grant there is.
        manager
            .exec_stmt(
                Query::update()
                    .table(Users::Table)
                    .value(Users::RoleGrantedAt, Expr::col(Users::CreatedAt))
                    .and_where(Expr::col(Users::Role).eq("admin"))
                    .to_owned(),
            )
            .await?;
        // Null for versions shipped with the application.
        manager
            .alter_table(
                Table::alter()
                    .table(RequirementSets::Table)
                    .add_column(ColumnDef::new(RequirementSets::AddedBy).uuid().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(RequirementSets::Table)
                    .drop_column(RequirementSets::AddedBy)
                    .to_owned(),
            )
            .await?;
        for column in [
            Users::TerminateOn,
            Users::RoleGrantedAt,
            Users::RoleGrantedBy,
            Users::AccessReviewedAt,
            Users::AccessReviewedBy,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Role,
    CreatedAt,
    TerminateOn,
    RoleGrantedAt,
    RoleGrantedBy,
    AccessReviewedAt,
    AccessReviewedBy,
}

#[derive(DeriveIden)]
enum RequirementSets {
    Table,
    AddedBy,
}
