namespace Personality.Services;

/// <summary>
/// A service could not be read or changed. The message is the one chkconfig prints ("service
/// foo does not support chkconfig"), or says what went wrong with the guest's own chkconfig.
/// </summary>
public sealed class ServiceException(string message) : Exception(message);
