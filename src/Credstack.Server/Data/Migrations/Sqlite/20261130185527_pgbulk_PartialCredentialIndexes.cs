using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class pgbulk_PartialCredentialIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_BulkJobId_BulkLine",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_IdempotencyKey",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_SuspensionList_SuspensionIndex",
                table: "credentials"
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_BulkJobId_BulkLine",
                table: "credentials",
                columns: new[] { "BulkJobId", "BulkLine" },
                unique: true,
                filter: "\"BulkJobId\" IS NOT NULL"
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_IdempotencyKey",
                table: "credentials",
                columns: new[] { "OrganizationId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL"
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_SuspensionList_SuspensionIndex",
                table: "credentials",
                columns: new[] { "OrganizationId", "SuspensionList", "SuspensionIndex" },
                unique: true,
                filter: "\"SuspensionIndex\" IS NOT NULL"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_BulkJobId_BulkLine",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_IdempotencyKey",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_SuspensionList_SuspensionIndex",
                table: "credentials"
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_BulkJobId_BulkLine",
                table: "credentials",
                columns: new[] { "BulkJobId", "BulkLine" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_IdempotencyKey",
                table: "credentials",
                columns: new[] { "OrganizationId", "IdempotencyKey" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_SuspensionList_SuspensionIndex",
                table: "credentials",
                columns: new[] { "OrganizationId", "SuspensionList", "SuspensionIndex" },
                unique: true
            );
        }
    }
}
