using Credstack.Credentials.Dids;
using Credstack.Credentials.Keys;

namespace Credstack.Credentials.Tests.Keys;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("credstack-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    [InlineData(KeyType.Rsa)]
    public void WriteThenRead_RoundTripsKeyControllerAndId(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var did = DidKey.FromPublicKey(key.PublicKey);
        using var file = new KeyFile(key, did, DidKey.VerificationMethodId(did));
        var path = Path.Combine(_dir, "issuer.key.json");
        file.Write(path);
        using var back = KeyFile.Read(path);
        Assert.Equal(type, back.Key.Type);
        Assert.Equal(did, back.Controller);
        Assert.Equal(file.VerificationMethodId, back.VerificationMethodId);
        Assert.True(back.Key.PublicKey.SameKeyAs(key.PublicKey));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(path)
            );
        }
    }

    [Fact]
    public void Write_RefusesToReplaceAnExistingFile_UnlessAsked()
    {
        using var file = new KeyFile(SigningKey.Generate(KeyType.Ed25519), null, null);
        var path = Path.Combine(_dir, "k.json");
        file.Write(path);
        Assert.Throws<IOException>(() => file.Write(path));
        file.Write(path, overwrite: true);
    }

    [Fact]
    public void Parse_RefusesAMismatchedPublicKey()
    {
        using var a = SigningKey.Generate(KeyType.Ed25519);
        using var b = SigningKey.Generate(KeyType.Ed25519);
        var json =
            $$"""{"type":"CredstackKey","kind":"Ed25519","publicKeyMultibase":"{{b.PublicKey.ToMultikey()}}","secretKeyMultibase":"{{a.ExportSecretMultikey()}}"}""";
        var e = Assert.Throws<KeyFormatException>(() => KeyFile.Parse(json));
        Assert.DoesNotContain(a.ExportSecretMultikey(), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"kind":"Ed25519"}""")]
    [InlineData(
        """{"type":"Other","secretKeyMultibase":"z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"}"""
    )]
    [InlineData(
        """{"kind":"P256","secretKeyMultibase":"z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"}"""
    )]
    public void Parse_RefusesInvalidFiles(string json) =>
        Assert.Throws<KeyFormatException>(() => KeyFile.Parse(json));

    [Fact]
    public void TryRead_ReportsAMissingFileAsAMessage()
    {
        Assert.False(KeyFile.TryRead(Path.Combine(_dir, "missing.json"), out _, out var error));
        Assert.NotEmpty(error);
    }
}
