//! One-time links sent by email: address verification (a new account's, or a new address
//! during a change) and password reset. Only a hash of each link's token is kept.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailLinks::Table)
                    .col(
                        ColumnDef::new(EmailLinks::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(EmailLinks::UserId).uuid().not_null())
                    // `verify_email` or `reset_password`.
                    .col(
                        ColumnDef::new(EmailLinks::Purpose)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailLinks::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    // The address being verified when it is not yet the account's own.
                    .col(ColumnDef::new(EmailLinks::NewEmail).string_len(254).null())
                    .col(
                        ColumnDef::new(EmailLinks::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailLinks::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(EmailLinks::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailLinks::Table, EmailLinks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Counting recent links per account keeps anyone from flooding an inbox.
        manager
            .create_index(
                Index::create()
                    .name("idx_email_links_user_purpose")
                    .table(EmailLinks::Table)
                    .col(EmailLinks::UserId)
                    .col(EmailLinks::Purpose)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailLinks::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EmailLinks {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    NewEmail,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
