// Every server URL ends in /v<major>, the major number of info.version (/core/uri-version):
// a document at version 2.1.0 served under /v1 is an error, and so is /v1.2.
export default function majorVersionInServers(document) {
  const version = document && document.info && document.info.version;
  const servers = (document && document.servers) || [];
  const major = typeof version === "string" ? version.split(".")[0] : null;
  const problems = [];
  servers.forEach((server, index) => {
    const url = server && typeof server.url === "string" ? server.url : "";
    const found = url.match(/\/v(\d+)$/);
    if (!found) {
      problems.push({
        message: `Server URL "${url}" does not end in /v<major version>.`,
        path: ["servers", index, "url"],
      });
    } else if (major !== null && found[1] !== major) {
      problems.push({
        message: `Server URL "${url}" names major version ${found[1]}, info.version is ${version}.`,
        path: ["servers", index, "url"],
      });
    }
  });
  return problems;
}
