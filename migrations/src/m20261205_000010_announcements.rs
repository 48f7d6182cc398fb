//! Announcements ("product updates") that administrators write and publish, and which
//! clinician has seen which one.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Announcements::Table)
                    .col(
                        ColumnDef::new(Announcements::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Announcements::Title)
                            .string_len(120)
                            .not_null(),
                    )
                    // Plain text, at most 5000 characters; blank lines separate paragraphs.
                    .col(ColumnDef::new(Announcements::Body).text().not_null())
                    // No foreign key: an announcement stays published when its author's
                    // account is deleted, and the audit log still says who wrote it.
                    .col(ColumnDef::new(Announcements::CreatedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(Announcements::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Announcements::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    // Null while a draft or after being unpublished.
                    .col(
                        ColumnDef::new(Announcements::PublishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnnouncementReads::Table)
                    .col(ColumnDef::new(AnnouncementReads::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(AnnouncementReads::AnnouncementId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AnnouncementReads::SeenAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(AnnouncementReads::UserId)
                            .col(AnnouncementReads::AnnouncementId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AnnouncementReads::Table, AnnouncementReads::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AnnouncementReads::Table, AnnouncementReads::AnnouncementId)
                            .to(Announcements::Table, Announcements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AnnouncementReads::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Announcements::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Announcements {
    Table,
    Id,
    Title,
    Body,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum AnnouncementReads {
    Table,
    UserId,
    AnnouncementId,
    SeenAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
