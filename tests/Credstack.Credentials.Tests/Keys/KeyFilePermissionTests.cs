using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Keys;

public sealed class KeyFilePermissionTests
{
    [Fact]
    public void Write_OverwritingAWorldReadableFile_LeavesOwnerOnlyMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var path = Path.Combine(Path.GetTempPath(), $"credstack-key-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "old");
            File.SetUnixFileMode(
                path,
                UnixFileMode.UserRead
                    | UnixFileMode.UserWrite
                    | UnixFileMode.GroupRead
                    | UnixFileMode.OtherRead
            );
            using var file = new KeyFile(
                SigningKey.Generate(KeyType.Ed25519),
                "did:example:issuer",
                "did:example:issuer#key-1"
            );

            file.Write(path, overwrite: true);

            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(path)
            );
            Assert.DoesNotContain("old", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
