using System.Threading.Tasks;
using Azure.Identity;
using StackExchange.Redis;

public sealed class CacheConnection
{
    private readonly string _hostName;

    public CacheConnection(string hostName) => _hostName = hostName;

    public async Task<ConnectionMultiplexer> OpenWithTokenAsync()
    {
        var options = await ConfigurationOptions.Parse($"{_hostName}:6380").ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential());
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    public static ConnectionMultiplexer OpenWithKey(string hostName, string key)
    {
        var options = new ConfigurationOptions();
        options.EndPoints.Add(hostName, 6380);
        options.Password = key;
        options.Ssl = true;
        return ConnectionMultiplexer.Connect(options);
    }
}
